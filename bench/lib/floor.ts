import type { Figure } from "./report";
import { postInWorker, type LoadOptions } from "./load";
import { percentile, round } from "./stats";

/** Throughput and p99 of one measured load run. */
export interface Measured {
  throughput: number;
  p99: number;
  /** Requests the client retried after a connection error. */
  retried: number;
  /**
   * CPU time of this process (server + the client's worker thread; not Azurite) per request, in
   * ms: steadier than throughput on a loaded machine, where other processes take the cores.
   */
  cpuMsPerRequest: number;
}

/**
 * A warm-up run (its figures are dropped: Azurite, the JIT and connection pools warm up), then
 * the measured run. Throws when any request failed, so a broken path never reports a figure.
 */
export async function measureWarm(
  options: LoadOptions,
  warmupBodies: string[],
  label = options.url,
): Promise<Measured> {
  await postInWorker({ ...options, bodies: warmupBodies });
  const from = process.hrtime.bigint() / 1000n;
  const cpu0 = process.cpuUsage();
  const { latencies, wallMs, failures, retried } = await postInWorker(options);
  const cpu = process.cpuUsage(cpu0);
  // BENCH_PHASES=1: print the measured window (µs, the clock of --cpu-prof profiles) for
  // bench/tools/profile-top.mjs, so a profile can be cut to our path or the floor's.
  if (process.env.BENCH_PHASES) console.error(`phase ${label} ${from} ${process.hrtime.bigint() / 1000n}`);
  if (failures.length > 0)
    throw new Error(`${failures.length} of ${options.bodies.length} failed, e.g. ${failures[0]}`);
  return {
    throughput: round((options.bodies.length / wallMs) * 1000, 1),
    p99: round(percentile(latencies, 99)),
    retried,
    cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / options.bodies.length, 3),
  };
}

/**
 * The floor measured before and after our path in the same run, combined by geometric mean:
 * order alone moves a ratio by tens of percent as Azurite and the JIT warm up over a run.
 */
export function floorOf(before: Measured, after: Measured): Measured {
  return {
    throughput: round(Math.sqrt(before.throughput * after.throughput), 1),
    p99: round(Math.sqrt(before.p99 * after.p99)),
    retried: before.retried + after.retried,
    cpuMsPerRequest: round(Math.sqrt(before.cpuMsPerRequest * after.cpuMsPerRequest), 3),
  };
}

/** Our path's throughput and p99 as ratios to the stock floor, with the issue's goals. */
export function floorFigures(
  section: string,
  label: string,
  ours: Measured,
  before: Measured,
  after: Measured,
): Figure[] {
  const floor = floorOf(before, after);
  const ratio = round(ours.throughput / floor.throughput);
  const p99Ratio = round(ours.p99 / floor.p99);
  const retries = ours.retried + floor.retried;
  const detail = `(floor before ${before.throughput} / after ${after.throughput}${retries ? `; ${retries} requests retried after a connection error` : ""})`;
  return [
    {
      section,
      name: `${label} vs stock botbuilder floor: throughput ${detail}`,
      value: ours.throughput,
      unit: "req/s",
      baseline: { name: "floor req/s (geo. mean)", value: floor.throughput },
      ratio,
      goal: "≥ 1.0× floor",
      met: ratio >= 1,
    },
    {
      section,
      name: `${label} vs stock botbuilder floor: p99 (floor before ${before.p99} / after ${after.p99} ms)`,
      value: ours.p99,
      unit: "ms",
      baseline: { name: "floor p99 ms (geo. mean)", value: floor.p99 },
      ratio: p99Ratio,
      goal: "≤ 2× floor p99",
      met: p99Ratio <= 2,
    },
    {
      section,
      name: `${label} vs stock botbuilder floor: CPU per request, this process incl. client (floor before ${before.cpuMsPerRequest} / after ${after.cpuMsPerRequest} ms)`,
      value: ours.cpuMsPerRequest,
      unit: "ms",
      baseline: { name: "floor CPU ms (geo. mean)", value: floor.cpuMsPerRequest },
      ratio: round(ours.cpuMsPerRequest / floor.cpuMsPerRequest),
    },
  ];
}
