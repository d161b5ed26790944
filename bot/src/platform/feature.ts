import type { CardAction } from "./teams/card-action";
import type { BotCommand } from "./teams/command";
import type { JobHandler } from "./jobs/job-types";
import type { RouteModule } from "./http/server";

/** The composition root's lists a feature adds itself to (one `install(...)` line in app.ts). */
export interface FeatureInstallTarget {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  /** The job runner (only its `register` is used). */
  runner: { register(kind: string, handler: JobHandler): void };
}
