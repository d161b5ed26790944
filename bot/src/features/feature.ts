import type { CardAction } from "../bot/actions/card-action";
import type { BotCommand } from "../bot/commands/command";
import type { JobHandler } from "../jobs/job-types";
import type { RouteModule } from "../server";

/** The composition root's lists a feature adds itself to (one `install(...)` line in compose.ts). */
export interface FeatureInstallTarget {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  /** The job runner (only its `register` is used). */
  runner: { register(kind: string, handler: JobHandler): void };
}
