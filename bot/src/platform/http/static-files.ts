import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
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

/** Precompressed siblings the tab's build writes (tab/vite-precompress.ts), best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

type Encoding = (typeof ENCODINGS)[number]["name"];

const DECODERS: Record<Encoding, (b: Buffer) => Buffer> = {
  br: (b) => tryDecode(() => brotliDecompressSync(b)),
  gzip: (b) => tryDecode(() => gunzipSync(b)),
};

/** A corrupt sibling decodes to nothing, so it never matches the file. */
function tryDecode(decode: () => Buffer): Buffer {
  try {
    return decode();
  } catch {
    return Buffer.alloc(0);
  }
}

/** One representation of a file: the file itself or a precompressed sibling. */
interface Variant {
  file: string;
  size: number;
  encoding?: Encoding;
  etag: string;
}

/** A file with its representations, valid while the file's mtime and size stay the same. */
interface Resource {
  mtimeMs: number;
  size: number;
  variants: Variant[];
}

/**
 * The encodings a client accepts (`Accept-Encoding`, q-values honoured, `*` included).
 * Identity is always acceptable: every client can take the plain file.
 */
export function acceptedEncodings(header: string | undefined): Set<Encoding> {
  const out = new Set<Encoding>();
  const refused = new Set<string>();
  let star = false;
  for (const part of (header ?? "").split(",")) {
    const [token = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const ok = !q || Number(q.slice(2)) > 0;
    const name = token.trim() === "x-gzip" ? "gzip" : token.trim();
    if (!ok) refused.add(name);
    else if (name === "*") star = true;
    else if (name === "br" || name === "gzip") out.add(name);
  }
  if (star) for (const e of ENCODINGS) if (!refused.has(e.name)) out.add(e.name);
  for (const r of refused) out.delete(r as Encoding);
  return out;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 prescribes for it). */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * Serves the built tab from `root`: files by path, `index.html` for `/`, GET and HEAD. Paths
 * are resolved and checked to stay inside `root`. The smallest precompressed sibling the
 * client accepts is sent (br > gzip > identity, `Vary: Accept-Encoding`), with a strong ETag
 * per representation and 304 on `If-None-Match`. Hashed assets are cached for a year
 * (immutable); index.html is revalidated on every load (`no-cache`), so a deploy shows at once.
 */
export function serveTab(root: string) {
  const base = path.resolve(root);
  const resources = new Map<string, Resource>();

  /**
   * The file's representations, built once per (mtime, size), not per request. A sibling is
   * used only when it decodes to the file's exact bytes: one left over from an earlier build,
   * or copied out of order by a deployment, is never served.
   */
  async function resource(file: string): Promise<Resource | undefined> {
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const cached = resources.get(file);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
    const content = await readFile(file);
    const hash = createHash("sha256").update(content).digest("base64url").slice(0, 27);
    const variants: Variant[] = [];
    for (const e of ENCODINGS) {
      const encoded = await readFile(file + e.suffix).catch(() => undefined);
      if (!encoded || !DECODERS[e.name](encoded).equals(content)) continue;
      variants.push({
        file: file + e.suffix,
        size: encoded.length,
        encoding: e.name,
        etag: `"${hash}-${e.name}"`,
      });
    }
    variants.push({ file, size: content.length, etag: `"${hash}"` });
    const fresh = { mtimeMs: st.mtimeMs, size: st.size, variants };
    resources.set(file, fresh);
    return fresh;
  }

  // restify takes either `next`-style or async handlers: this one is `next`-style over an async body.
  return (req: Request, res: Response, next: Next): void => {
    serve(req, res, next).catch((err: unknown) => next(err as Error));
  };

  async function serve(req: Request, res: Response, next: Next): Promise<void> {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent((req.path() || "/").split("?")[0]!);
    } catch {
      res.send(400, { error: "badRequest", message: "Malformed path." });
      return next(false);
    }
    const rel = urlPath === "/" ? "index.html" : urlPath.replace(/^\/+/, "");
    const file = path.resolve(base, rel);
    const found = file.startsWith(base + path.sep) ? await resource(file) : undefined;
    if (!found) {
      if (!existsSync(path.join(base, "index.html"))) {
        res.send(503, { error: "tabNotBuilt", message: "The tab is not built yet: run `npm run build`." });
      } else {
        res.send(404, { error: "notFound", message: "Not found." });
      }
      return next(false);
    }
    const accepted = acceptedEncodings(req.header("accept-encoding"));
    const variant = found.variants.find((v) => !v.encoding || accepted.has(v.encoding))!;
    res.setHeader("Content-Type", TYPES[path.extname(file)] ?? "application/octet-stream");
    res.setHeader(
      "Cache-Control",
      rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    );
    res.setHeader("ETag", variant.etag);
    if (found.variants.length > 1) res.setHeader("Vary", "Accept-Encoding");
    if (noneMatch(req.header("if-none-match"), variant.etag)) {
      res.writeHead(304);
      res.end();
      return next(false);
    }
    if (variant.encoding) res.setHeader("Content-Encoding", variant.encoding);
    res.setHeader("Content-Length", variant.size);
    res.writeHead(200);
    if (req.method === "HEAD") {
      res.end();
      return next(false);
    }
    const stream = createReadStream(variant.file);
    stream.once("error", () => res.destroy());
    stream.pipe(res);
    res.once("finish", () => next(false));
  }
}
