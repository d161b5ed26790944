/**
 * Draws the Teams app icons (two overlapping speech bubbles) with pngjs:
 *   manifest/color.png   192×192, full colour, accent background
 *   manifest/outline.png  32×32, white on transparent
 * The PNGs are committed; rerun `npx tsx scripts/make-icons.ts` only to change the design.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];
/** Signed distance: negative inside the shape, in pixels of the target image. */
type Sdf = (x: number, y: number) => number;

const ACCENT: Rgb = [0x1a, 0x5a, 0x8c];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const MINT: Rgb = [0x9e, 0xe0, 0xd0];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** Exact triangle SDF (after Inigo Quilez), used for the bubble tails. */
function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Sdf {
  const edges: Array<[number, number, number, number]> = [
    [ax, ay, bx, by],
    [bx, by, cx, cy],
    [cx, cy, ax, ay],
  ];
  const orientation = Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  return (x, y) => {
    let d = Infinity;
    let inside = true;
    for (const [px, py, qx, qy] of edges) {
      const ex = qx - px;
      const ey = qy - py;
      const wx = x - px;
      const wy = y - py;
      const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
      d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
      if (orientation * (ex * wy - ey * wx) < 0) inside = false;
    }
    return inside ? -d : d;
  };
}

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/** A speech bubble laid out on a 192-unit grid, scaled to the image size. */
function bubble(s: number, rect: [number, number, number, number], r: number, tail: number[]): Sdf {
  const [x0, y0, x1, y1] = rect.map((v) => v * s) as [number, number, number, number];
  const [ax, ay, bx, by, cx, cy] = tail.map((v) => v * s) as [number, number, number, number, number, number];
  return union(roundedRect(x0, y0, x1, y1, r * s), triangle(ax, ay, bx, by, cx, cy));
}

/** Paints layers back to front; 4×4 supersampling gives smooth edges. */
function render(
  size: number,
  layers: Array<{ sdf: Sdf; color: Rgb; alpha?: number }>,
  background?: Rgb,
): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          let c: Rgb | undefined = background;
          let ca = background ? 1 : 0;
          for (const layer of layers) {
            if (layer.sdf(px, py) <= 0) {
              c = layer.color;
              ca = layer.alpha ?? 1;
            }
          }
          if (c && ca > 0) {
            r += c[0] * ca;
            g += c[1] * ca;
            b += c[2] * ca;
            a += ca;
          }
        }
      }
      const i = (y * size + x) * 4;
      // Colour is stored un-premultiplied, so divide by the covered share.
      png.data[i] = a > 0 ? Math.round(r / a) : 0;
      png.data[i + 1] = a > 0 ? Math.round(g / a) : 0;
      png.data[i + 2] = a > 0 ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png;
}

/** 192×192 colour icon: white bubble behind, mint bubble in front with three dots. */
export function drawColorIcon(): PNG {
  const s = 1;
  const back = bubble(s, [34, 40, 124, 108], 20, [50, 100, 80, 100, 44, 134]);
  const front = bubble(s, [76, 86, 160, 150], 20, [128, 140, 150, 140, 156, 170]);
  // A ring of background colour around the front bubble keeps the two shapes apart.
  const gap: Sdf = (x, y) => front(x, y) - 6;
  const dots = union(...[100, 118, 136].map((cx) => roundedRect(cx - 6, 112, cx + 6, 124, 6)));
  return render(
    192,
    [
      { sdf: back, color: WHITE },
      { sdf: gap, color: ACCENT },
      { sdf: front, color: MINT },
      { sdf: dots, color: ACCENT },
    ],
    ACCENT,
  );
}

/** 32×32 outline icon: only white and transparency, as Teams requires. */
export function drawOutlineIcon(): PNG {
  const back = bubble(1, [3, 4, 21, 18], 4, [6, 16, 11, 16, 5, 23]);
  const front = bubble(1, [11, 13, 29, 26], 4, [22, 24, 26, 24, 27, 30]);
  // The back bubble is a 2 px stroke; the front one is solid; a transparent gap separates them.
  const backRing: Sdf = (x, y) => Math.max(back(x, y), -back(x, y) - 2);
  const gap: Sdf = (x, y) => front(x, y) - 1.5;
  return render(32, [
    { sdf: backRing, color: WHITE },
    { sdf: gap, color: WHITE, alpha: 0 },
    { sdf: front, color: WHITE },
  ]);
}

function main(): void {
  const dir = join(__dirname, "..", "manifest");
  writeFileSync(join(dir, "color.png"), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(dir, "outline.png"), PNG.sync.write(drawOutlineIcon()));
  console.log(`Wrote ${join(dir, "color.png")} and ${join(dir, "outline.png")}`);
}

if (require.main === module) main();
