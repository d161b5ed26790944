import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|txt|map)$/;

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every text file in
 * `dir`, each only when it is smaller than the file. Compressing once at build time lets the
 * server send the smallest encoding without spending CPU per request (quality 11 is far too
 * slow to run per request). Returns the files written.
 */
export async function precompressDir(dir: string): Promise<string[]> {
  const written: string[] = [];
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  await Promise.all(
    files.map(async (file) => {
      const raw = await readFile(file);
      const [br, gzipped] = await Promise.all([
        brotli(raw, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gz(raw, { level: 9 }),
      ]);
      for (const [ext, data] of [
        [".br", br],
        [".gz", gzipped],
      ] as const) {
        if (data.length >= raw.length) continue;
        await writeFile(file + ext, data);
        written.push(file + ext);
      }
    }),
  );
  return written;
}

/** Vite plugin: precompresses the build output (see {@link precompressDir}). */
export function precompress(): Plugin {
  return {
    name: "dialogi-precompress",
    apply: "build",
    async writeBundle(options) {
      if (!options.dir || !(await stat(options.dir)).isDirectory()) return;
      await precompressDir(options.dir);
    },
  };
}
