import { randomBytes } from "node:crypto";
import { seriesRoutes } from "./routes";
import type { Authenticate } from "./routes/http";
import type { SeriesServices } from "./services";
import type { CardAction } from "../../platform/teams/card-action";
import type { SeriesBotContext } from "./handlers/context";
import { createSeriesVerbActions } from "./handlers/series-verbs";
import { createSeriesCreateAction } from "./handlers/series-create";
import { createSeriesNotifier } from "./notifier";
import { createSeriesEnrolAction } from "./handlers/series-enrol";
import { createSeriesSubmitRecordAction } from "./handlers/series-submit-record";
import type { BotCommand } from "../../platform/teams/command";
import { createSeriesAnnounceCommand } from "./handlers/series-announce";
import { createSeriesDashboardCommand } from "./handlers/series-dashboard";
import { createSeriesListCommand } from "./handlers/series-list";
import { createSeriesNewCommand } from "./handlers/series-new";
import { createSeriesSummaryCommand } from "./handlers/series-summary";
import { conservativeMask, type Masker } from "./domain/anonymise";
import { createParticipationService } from "./domain/participation-service";
import { createRegularOrganiserService } from "./domain/regular-organiser-service";
import { createSeriesService } from "./domain/series-service";
import { createSeriesSummaryService } from "./domain/summary-service";
import { getI18n, LANGUAGES } from "../../platform/i18n/i18n";
import { errorFields, type Logger } from "../../logger";
import type { Outbox } from "../../platform/outbox/outbox";
import { seedRegularOrganisers } from "./seed-regular-organisers";
import type { RouteModule } from "../../platform/http/server";
import { createLinkedDialogueLookup } from "./store/linked-dialogues";
import { createOrganisationLookup } from "./store/organisation-lookup";
import { createRegularOrganiserRepository } from "./store/regular-organiser-repository";
import { createSeriesRepository } from "./store/series-repository";
import type { TableStore } from "../../platform/tables/table-store";
import type { AppRoleLookup } from "../../platform/auth/graph-roles";

/** What the series feature needs from the composition root. */
export interface SeriesFeatureDeps {
  store: TableStore;
  logger: Logger;
  now: () => Date;
  /** config.coordinators (AAD object ids / e-mails, lower-case). */
  coordinators: readonly string[];
  /** The app role Dialogi.Coordinator read through Graph, for the bot (config.coordinatorRole). */
  coordinatorRole?: AppRoleLookup;
  /** Without it, announcements, reminders and publications are counted as skipped. */
  outbox?: Outbox;
  /** The shared request authenticator (api/directory `requestAuthenticator`): Teams SSO or dev sign-in. */
  authenticate: Authenticate;
  publicUrl?: string;
  /** Seed the spring 2023 regular organisers when the list is empty (config.seedDemoData). */
  seedDemoData?: boolean;
  /** Tenants whose regular organisers list is seeded (the home tenant, the dev sign-in tenant). */
  seedTenantIds?: readonly string[];
  /** Anonymiser of record text (defaults to the local conservative masker). */
  mask?: Masker;
}

/** The wired feature. */
export interface SeriesFeature {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  services: SeriesServices;
  /** Adds commands, actions and routes; seeds demo data. Await it once at start-up. */
  install(into: { commands: BotCommand[]; actions: CardAction[]; routes: RouteModule[] }): Promise<void>;
}

const newId = (prefix: string) => () => `${prefix}-${randomBytes(6).toString("hex")}`;

/**
 * The help card reads command names from the `bot` namespace; the series strings live in
 * `series.json`, so their `commands` section is merged in (without overwriting anything).
 */
function registerCommandStrings(): void {
  const i18n = getI18n();
  for (const lang of LANGUAGES) {
    const commands = i18n.getResource(lang, "series", "commands") as Record<string, unknown> | undefined;
    if (commands) i18n.addResourceBundle(lang, "bot", { commands }, true, false);
  }
}

/** Builds repositories, services, commands, card actions and REST routes of national dialogue rounds. */
export function createSeriesFeature(deps: SeriesFeatureDeps): SeriesFeature {
  const table = deps.store.table("Series");
  const store = createSeriesRepository(table);
  const organiserStore = createRegularOrganiserRepository(table);
  const mask = deps.mask ?? conservativeMask;
  const series = createSeriesService({ store, now: deps.now, newId: newId("s") });
  const organisers = createRegularOrganiserService({
    store: organiserStore,
    directory: createOrganisationLookup(deps.store.table("Organisations")),
    newId: newId("ro"),
  });
  const participation = createParticipationService({
    store,
    series,
    organisers,
    now: deps.now,
    newDialogueId: newId("sd"),
    mask,
    linked: createLinkedDialogueLookup(deps.store),
  });
  const summaries = createSeriesSummaryService({ store, series, organisers, mask, now: deps.now });
  const notifier = deps.outbox ? createSeriesNotifier(deps.outbox, deps.publicUrl) : undefined;
  const services: SeriesServices = { series, participation, organisers, summaries, notifier };
  const c: SeriesBotContext = {
    ...services,
    coordinators: deps.coordinators,
    coordinatorRole: deps.coordinatorRole,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
  };
  const feature = {
    commands: [
      createSeriesListCommand(c),
      createSeriesNewCommand(c),
      createSeriesAnnounceCommand(c),
      createSeriesDashboardCommand(c),
      createSeriesSummaryCommand(c),
    ],
    actions: [
      createSeriesCreateAction(c),
      createSeriesEnrolAction(c),
      createSeriesSubmitRecordAction(c),
      ...createSeriesVerbActions(c),
    ],
    routes: [
      seriesRoutes(
        { authenticate: deps.authenticate, coordinators: deps.coordinators, logger: deps.logger },
        services,
      ),
    ],
    services,
  };
  return {
    ...feature,
    async install(into) {
      registerCommandStrings();
      into.commands.push(...feature.commands);
      into.actions.push(...feature.actions);
      into.routes.push(...feature.routes);
      if (!deps.seedDemoData) return;
      for (const tenantId of deps.seedTenantIds ?? []) {
        try {
          const n = await seedRegularOrganisers(organiserStore, tenantId);
          if (n) deps.logger.info("seeded regular organisers", { tenantId, count: n });
        } catch (err) {
          // Demo data must never stop the app from starting.
          deps.logger.warn("regular organisers not seeded", { tenantId, ...errorFields(err) });
        }
      }
    },
  };
}
