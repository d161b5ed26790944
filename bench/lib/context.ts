import type { AzuriteHandle } from "../../bot/src/platform/tables/azurite";

/** What every benchmark section receives. */
export interface BenchContext {
  /** `--quick`: small sizes, so CI keeps the benchmarks working without spending minutes. */
  quick: boolean;
  azurite: AzuriteHandle;
}
