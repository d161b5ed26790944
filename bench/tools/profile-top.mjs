// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time, and the
// inclusive time of named functions. Usage:
//   node bench/tools/profile-top.mjs <file.cpuprofile> [top=25] [name,name,...]
import { readFileSync } from "node:fs";

const [file, topArg = "25", namesArg = ""] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// PROFILE_WINDOW=fromUs,toUs (from BENCH_PHASES=1 output): only samples in that window count.
const [from, to] = (process.env.PROFILE_WINDOW ?? "").split(",").map(Number);
const self = new Map();
let t = profile.startTime;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  if (from && (t < from || t > to)) continue;
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  total += profile.timeDeltas[i] ?? 0;
}
const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? f.url.replace(/^.*node_modules\//, "").replace(/^.*\/(bot|bench)\//, "$1/") : "";
  return `${f.functionName || "(anonymous)"} ${where}:${f.lineNumber + 1}`;
};
const selfBy = new Map();
for (const [id, us] of self) {
  const key = label(byId.get(id));
  selfBy.set(key, (selfBy.get(key) ?? 0) + us);
}
const idle = [...selfBy].filter(([k]) => /^\((idle|program|garbage collector)\)/.test(k));
console.log(
  `profile ${(total / 1000).toFixed(0)} ms; ${idle.map(([k, v]) => `${k.split(" ")[0]} ${(v / 1000).toFixed(0)} ms`).join(", ")}`,
);
console.log("top self time:");
for (const [k, us] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg)))
  console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
// Inclusive time of named functions: a sample counts once per name even under recursion.
const names = namesArg.split(",").filter(Boolean);
if (names.length > 0) {
  console.log("inclusive time:");
  const incl = new Map(names.map((n) => [n, 0]));
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur).callFrame.functionName;
      if (incl.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        incl.set(fn, incl.get(fn) + us);
      }
    }
  }
  for (const [n, us] of incl) console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${n}`);
}
// PROFILE_CALLERS=name: where that function's self time comes from (its callers, 4 frames up).
if (process.env.PROFILE_CALLERS) {
  const agg = new Map();
  for (const [id, us] of self) {
    if (byId.get(id).callFrame.functionName !== process.env.PROFILE_CALLERS) continue;
    const chain = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur))
      chain.push(label(byId.get(cur)));
    const key = chain.join(" < ");
    agg.set(key, (agg.get(key) ?? 0) + us);
  }
  console.log(`callers of ${process.env.PROFILE_CALLERS}:`);
  for (const [k, us] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}
