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

/** What a feature adds to the composition root's lists. */
export interface FeatureParts {
  commands: readonly BotCommand[];
  actions: readonly CardAction[];
  routes: readonly RouteModule[];
  jobHandlers: Record<string, JobHandler>;
}

/** Adds a feature's commands, card actions, routes and job handlers to the composition root's lists. */
export function addFeatureParts(into: FeatureInstallTarget, parts: FeatureParts): void {
  into.commands.push(...parts.commands);
  into.actions.push(...parts.actions);
  into.routes.push(...parts.routes);
  for (const [kind, handler] of Object.entries(parts.jobHandlers)) into.runner.register(kind, handler);
}
