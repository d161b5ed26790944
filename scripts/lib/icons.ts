/** Icon checks Teams applies at upload time, done early so packaging fails first. */
import { PNG } from "pngjs";

/** Required pixel size per manifest `icons` key. */
export const ICON_SIZES: Readonly<Record<string, number>> = { color: 192, outline: 32, color32x32: 32 };

/**
 * Checks that `data` is a PNG of `size`×`size`. For the outline icon it also
 * checks that every visible pixel is white, because Teams renders it as a
 * mask and rejects coloured outlines. Returns problems (empty when fine).
 */
export function checkIcon(name: string, data: Buffer, size: number, whiteOnly = false): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(data);
  } catch (err) {
    return [`${name} is not a readable PNG (${(err as Error).message}).`];
  }
  if (png.width !== size || png.height !== size) {
    return [`${name} is ${png.width}×${png.height}, expected ${size}×${size}.`];
  }
  if (whiteOnly) {
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]] as number[];
      // A few grey levels of tolerance for encoders that blend edges.
      if ((a ?? 0) > 0 && ((r ?? 0) < 0xf0 || (g ?? 0) < 0xf0 || (b ?? 0) < 0xf0)) {
        const p = i / 4;
        return [
          `${name} must be white on transparent; pixel (${p % size}, ${Math.floor(p / size)}) is not white.`,
        ];
      }
    }
    // An all-opaque white square passes the colour test but is not an outline.
    let transparent = false;
    for (let i = 3; i < png.data.length && !transparent; i += 4) transparent = png.data[i] === 0;
    if (!transparent) return [`${name} has no transparent pixels; it must be white on transparent.`];
  }
  return [];
}
