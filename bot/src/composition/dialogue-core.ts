import type { Config } from "../config";
import { mayOpenPublic } from "../config/public-openers";
import { createDialoguesFeature, type OrganisationSource } from "../features/dialogues/index";
import {
  createDirectoryNotifier,
  graphUserResolver,
  installDirectory,
  organisationChoices,
} from "../features/directory/index";
import { createInMeeting, createMeetingsFeature, meetingHooks } from "../features/meetings/index";
import { createRoundsFeature } from "../features/rounds/index";
import { graphServesTenant } from "../platform/auth/tenancy";
import type { FeatureInstallTarget } from "../platform/feature";
import { createUserProfiles } from "../platform/graph/user-profile";
import type { ReadinessCheck } from "../platform/http/readiness";
import { composeMail } from "./mail";
import type { ComposeOverrides } from "./overrides";
import { installPublicRegistration } from "./public-registration";
import type { Runtime } from "./runtime";

/** The composition root's lists every feature adds itself to, plus the readiness checks. */
export type FeatureLists = FeatureInstallTarget & { readiness: ReadinessCheck[] };

/**
 * The dialogue core, in dependency order: dialogues, meetings, rounds, public registration and
 * the directory (whose organisations the dialogue form offers). Returns what the remaining
 * features and the server need from them.
 */
export async function installDialogueCore(
  config: Config,
  rt: Runtime,
  overrides: ComposeOverrides,
  lists: FeatureLists,
) {
  const { store, messenger, jobQueue, logger, now, graph, linkSecret } = rt;
  const { commands, actions, routes, readiness, runner } = lists;
  const dialogueDeps = {
    ...{ store, messenger, outbox: rt.outbox.outbox, jobs: jobQueue },
    ...{ logger, now, publicUrl: config.publicUrl },
  };
  const meetings = meetingHooks({ graph, store, jobs: jobQueue, logger, now });
  // People lookups only for the tenant whose directory Graph reads (docs/reliability-security.md).
  const graphServes = graphServesTenant(config.graph?.credential.tenantId, config.sso);
  const mail = composeMail(config, rt, overrides.graphPost);
  // The directory is installed further down; the form asks it for co-organisers only at use.
  let organisations: OrganisationSource = async () => [];
  const profiles = graph && createUserProfiles({ graph, logger });
  const dialoguesFeature = createDialoguesFeature({
    ...dialogueDeps,
    secret: linkSecret,
    previousSecret: config.linkSigningPreviousSecret,
    meetings,
    profiles,
    publicRegistration: !!mail.mail,
    mayOpenPublic: (tenantId: string | undefined) => mayOpenPublic(config.publicOpeners, tenantId),
    organisations: (tenantId, lang) => organisations(tenantId, lang),
    graph: graph || undefined,
    support: config.support,
    graphServesTenant: graphServes,
    retentionDays: config.dialogueRetentionDays,
  });
  dialoguesFeature.install({ commands, actions, routes, runner });
  const { dialogues, registrations } = dialoguesFeature;
  const meetingsFeature = createMeetingsFeature({ ...dialogueDeps, graph, dialogues, registrations });
  meetingsFeature.install({ commands, actions, routes, runner });
  const rooms = meetingsFeature.rooms;
  const inMeeting = createInMeeting({
    ...{ store, logger, publicUrl: config.publicUrl },
    outbox: rt.outbox.outbox,
  });
  const notices = inMeeting.notices;
  const roundsDeps = {
    ...dialogueDeps,
    ...{ secret: linkSecret, previousSecret: config.linkSigningPreviousSecret },
    ...{ dialogues, registrations, rooms, notices },
  };
  const roundsFeature = createRoundsFeature(roundsDeps);
  roundsFeature.install({ commands, actions, routes, runner });
  roundsFeature.services.ended.add(dialoguesFeature.onEnded);
  installPublicRegistration({
    ...{ config, rt, mail, overrides },
    ...{ dialogues: dialoguesFeature, rounds: roundsFeature, into: { commands, actions, routes, runner } },
  });
  const directory = await installDirectory({
    ...{ config, store, logger, now, routes, readiness },
    wrapStores: overrides.directoryStores,
    notifier: createDirectoryNotifier({
      ...{ outbox: rt.outbox.outbox, conversationRefs: rt.conversationRefs, logger },
      publicUrl: config.publicUrl,
    }),
    resolveUser: graph ? graphUserResolver(graph, logger, graphServes) : undefined,
  });
  organisations = (tenantId, lang) => organisationChoices(directory, tenantId, lang);
  return { dialoguesFeature, roundsFeature, roundsDeps, inMeeting, directory, graphServes, mail };
}

/** The dialogue core's features and what the rest of the composition takes from them. */
export type DialogueCore = Awaited<ReturnType<typeof installDialogueCore>>;
