import type { Request } from "restify";
import type { Principal } from "./domain/types";
import { errorFields } from "../../logger";
import type { RouteModule } from "../../platform/http/server";
import { isSafe } from "../../platform/http/route-kit";
import type { ReadinessCheck } from "../../platform/http/readiness";
import { preloadHomeSnapshot } from "./preload";
import { seedDirectoryIfEmpty } from "./seed/seed-directory";
import { DEV_TENANT, homeTenant } from "../../platform/auth/tenancy";
import { createDirectoryRouteDeps, type DirectoryDepsOptions, type DirectoryRouteDeps } from "./routes/deps";
import { registerDirectoryRoutes } from "./routes/register";

/** Options of {@link installDirectory}. */
export interface InstallDirectoryOptions extends DirectoryDepsOptions {
  config: DirectoryDepsOptions["config"] & { seedDemoData: boolean };
  routes: RouteModule[];
  /** Gets the check that holds `/api/ready` at "starting" until the home snapshot is loaded. */
  readiness: ReadinessCheck[];
}

/**
 * Composition-root helper: builds the directory, adds its routes and, when demo data is on,
 * seeds the home tenant's directory from the 2021 listing if it is empty. A failed seed is
 * logged, not fatal: the directory then simply starts empty. Then the home tenant's snapshot
 * starts loading in the background (not awaited: listen and /api/health never wait for it), so
 * the first directory request does not pay for reading the whole table; `/api/ready` answers
 * "starting" until it is in memory (see {@link preloadHomeSnapshot}).
 */
export async function installDirectory(options: InstallDirectoryOptions): Promise<DirectoryRouteDeps> {
  const deps = createDirectoryRouteDeps(options);
  options.routes.push((server) => registerDirectoryRoutes(server, deps));
  // Dev sign-in personas live in their own tenant, which gets its own copy of the demo data.
  const tenants = new Set([
    homeTenant(options.config.sso),
    ...(options.config.devSignIn ? [DEV_TENANT] : []),
  ]);
  for (const tenantId of options.config.seedDemoData ? tenants : []) {
    try {
      const report = await seedDirectoryIfEmpty(options.store, { tenantId, now: options.now });
      if (report) options.logger.info("directory seeded", { tenantId, entries: report.entries.created });
    } catch (err) {
      options.logger.warn("directory seed failed", { tenantId, ...errorFields(err) });
    }
  }
  const home = homeTenant(options.config.sso);
  options.readiness.push(preloadHomeSnapshot(deps.directory.readModel, home, options.logger));
  return deps;
}

/**
 * The shared request authenticator for other features' routes: verifies the bearer token (Teams
 * SSO or dev sign-in) and applies directory roles. Rejects with AuthError (401) or
 * AuthUnavailableError (503) from `api/http-errors`.
 */
export function requestAuthenticator(deps: DirectoryRouteDeps): (req: Request) => Promise<Principal> {
  return async (req) =>
    deps.directory.principalFor(await deps.authenticator.authenticate(req.header("authorization")), {
      current: !isSafe(req),
    });
}

/**
 * A tenant's organisations as `{ id, name }` in a language (Finnish when the name has no
 * translation), sorted by name: what other features offer as a choice of organisation.
 */
export async function organisationChoices(
  deps: DirectoryRouteDeps,
  tenantId: string,
  lang: "fi" | "sv" | "en",
): Promise<{ id: string; name: string }[]> {
  const snapshot = await deps.directory.readModel.snapshot(tenantId);
  return [...snapshot.orgs.values()]
    .map((o) => ({ id: o.id, name: o.names[lang] || o.names.fi }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

// --- what other features may use (they import only this file; lint enforces it) ---
export type { Directory } from "./domain/directory";
export type { Entry, Membership, Organisation, Principal } from "./domain/types";
export type { DirectoryRouteDeps } from "./routes/deps";
export type { DirectoryStores } from "./domain/ports";
export { createDirectoryNotifier } from "./notifier";
export { graphUserResolver } from "./graph-users";
