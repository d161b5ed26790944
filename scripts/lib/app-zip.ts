import {
  createWriteStream,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { parseIgnore } from "./webappignore";

/**
 * Packs `root` into the zip `out`, leaving out what `root/infra/.webappignore` lists. Files are
 * added one at a time (memory stays at one file, not the whole of node_modules). Symbolic links
 * to folders (npm workspaces: node_modules/@dialogi/*) are stored as copies, filtered by the
 * rules at their real place; links to files (node_modules/.bin) are left out. Resolves with the
 * number of files packed.
 */
export async function packApp(root: string, out: string): Promise<number> {
  const ignored = parseIgnore(readFileSync(path.join(root, "infra", ".webappignore"), "utf8"));
  const outReal = path.resolve(out);

  function* files(dir: string, zipDir: string): Generator<[string, string]> {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const relReal = path.relative(root, full).split(path.sep).join("/");
      const zipName = zipDir ? `${zipDir}/${name}` : name;
      if (full === outReal || ignored(relReal) || ignored(zipName)) continue;
      const st = lstatSync(full);
      if (st.isSymbolicLink()) {
        const target = realpathSync(full);
        if (!statSync(target).isDirectory()) continue;
        const inside = path.relative(root, target);
        if (!inside.startsWith("..") && ignored(inside.split(path.sep).join("/"))) continue;
        yield* files(target, zipName);
      } else if (st.isDirectory()) yield* files(full, zipName);
      else if (st.isFile()) yield [zipName, full];
    }
  }

  mkdirSync(path.dirname(outReal), { recursive: true });
  const stream = createWriteStream(outReal);
  let failed: Error | null = null;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else stream.write(chunk);
    if (final || err) stream.end(done);
  });
  let count = 0;
  for (const [name, file] of files(root, "")) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(readFileSync(file), true);
    count++;
    // Let the file stream drain before the next file, so memory stays bounded.
    if (stream.writableNeedDrain) await new Promise<void>((r) => stream.once("drain", () => r()));
  }
  zip.end();
  await finished;
  if (failed) throw failed;
  return count;
}
