import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Request, Response, Next } from "restify";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the built tab from `root`: files by path, `index.html` for `/`. Paths are resolved
 * and checked to stay inside `root`. Hashed assets are cached long; index.html never is.
 */
export function serveTab(root: string) {
  const base = path.resolve(root);
  return (req: Request, res: Response, next: Next): void => {
    const urlPath = decodeURIComponent((req.path() || "/").split("?")[0]!);
    const rel = urlPath === "/" ? "index.html" : urlPath.replace(/^\/+/, "");
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (!existsSync(path.join(base, "index.html"))) {
        res.send(503, { error: "tabNotBuilt", message: "The tab is not built yet: run `npm run build`." });
      } else {
        res.send(404, { error: "notFound", message: "Not found." });
      }
      return next(false);
    }
    const ext = path.extname(file);
    res.setHeader("Content-Type", TYPES[ext] ?? "application/octet-stream");
    res.setHeader(
      "Cache-Control",
      rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    );
    res.writeHead(200);
    createReadStream(file).pipe(res);
    res.once("finish", () => next(false));
  };
}
