import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { cardOf, driver, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";
import type { AttendanceChange, AttendancePlan, FacilitatorConsole } from "@dialogi/contracts";
import { startDirectoryApp, type ApiResponse, type DirectoryTestApp } from "../directory/api/helpers";
import { formInputs } from "../rounds/flow/story";

/**
 * The side-panel specs' people, all of the SSO tenant: an organiser, eight participants named by
 * `name(i)` and a late joiner called `lateName`, ids prefixed by `tag` (each spec its own).
 */
export function panelCast(tag: string, name: (i: number) => string, lateName: string) {
  const actor = (userId: string, userName: string): Actor => ({
    userId,
    userName,
    locale: "fi-FI",
    tenantId: SSO_TENANT,
  });
  return {
    organiser: actor(`aad-${tag}-organiser`, "Olga Organiser"),
    people: Array.from({ length: 8 }, (_, i) => actor(`aad-${tag}-${i}`, name(i))),
    late: actor(`aad-${tag}-late`, lateName),
  };
}

/** A running app with SSO, a connector recorder and one story dialogue. */
export interface PanelDialogue {
  t: DirectoryTestApp;
  connector: ConnectorRecorder;
  bot: ReturnType<typeof driver>;
  dialogueId: string;
}

/**
 * Starts the app the side-panel API specs share (multi-tenant SSO, no demo data, fast jobs, the
 * test's clock) and has `organiser` create the story dialogue (two breakout rounds); everyone in
 * `cast` has said hello first, so the bot can write to them. Close `t` and `connector` after.
 */
export async function startPanelDialogue(
  organiser: Actor,
  cast: Actor[],
  now: () => Date,
): Promise<PanelDialogue> {
  const connector = await startConnectorRecorder();
  const t = await startDirectoryApp({
    env: { AAD_APP_TENANT_ID: "organizations", SEED_DEMO_DATA: "false", JOB_POLL_MS: "50" },
    overrides: { now },
  });
  const bot = driver(t.app, connector);
  for (const a of [organiser, ...cast]) await bot.say(a, "apua");
  const [form] = await bot.say(organiser, "uusi dialogi");
  const create = executeAction(cardOf(form), "dialogue.create")!;
  const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...formInputs });
  const dialogueId = String(executeAction(valid(created.card), "dialogue.edit")!.data.dialogueId);
  return { t, connector, bot, dialogueId };
}

/** A time when registration is still open (10.00 Helsinki time on 1 March 2030). */
export const REGISTRATION_OPEN = "2030-03-01T08:00:00Z";
/** 9.25 Helsinki time on the story dialogue's day: it may start. */
export const ON_THE_DAY = "2030-03-25T07:25:00Z";

/** A PanelDialogue with the server's clock, which steps may move. */
export interface PanelStory extends PanelDialogue {
  clock: Date;
}

/**
 * Registers before/after hooks for a side-panel spec: {@link startPanelDialogue} on the story's
 * clock (starting at {@link REGISTRATION_OPEN}), then `prepare` (registrations, rounds); closes the
 * app and the connector after. The returned object is filled in by `before()`.
 */
export function usePanelDialogue(
  organiser: Actor,
  cast: Actor[],
  prepare: (story: PanelStory) => Promise<void> = async () => {},
): PanelStory {
  const story = { clock: new Date(REGISTRATION_OPEN) } as PanelStory;
  before(async () => {
    Object.assign(story, await startPanelDialogue(organiser, cast, () => story.clock));
    await prepare(story);
  });
  after(async () => {
    await story.t?.close();
    await story.connector?.close();
  });
  return story;
}

/**
 * An attendance change as the side panel makes it: the plan first
 * (`GET …/attendance-plan`, nothing changes), then the operation with that plan's version.
 * Answers the plan's response when it was refused, else the operation's.
 */
export async function confirmAttendance(
  t: DirectoryTestApp,
  dialogueId: string,
  op: AttendanceChange,
  person: string,
  token: string,
  lang = "fi",
) {
  const plan = await t.call<AttendancePlan & { error?: string; message?: string }>(
    `/api/meeting/dialogues/${dialogueId}/attendance-plan?change=${op}&person=${encodeURIComponent(person)}`,
    { token, lang },
  );
  if (plan.status !== 200) return plan as unknown as ApiResponse<FacilitatorConsole & PanelRefusal>;
  return t.call<FacilitatorConsole & PanelRefusal>(`/api/meeting/dialogues/${dialogueId}/${op}`, {
    method: "POST",
    token,
    body: { person, planVersion: plan.body.version },
    lang,
  });
}

/** A refusal's body: code, translated message and, for a stale plan, the new one. */
export interface PanelRefusal {
  error?: string;
  message?: string;
  current?: AttendancePlan;
}

/**
 * Runs the story dialogue up to its first breakout round: the organiser starts the dialogue,
 * forms the groups and starts round 1 (each answer a valid card). Set the clock to the day first.
 */
export async function startRoundOne(bot: PanelDialogue["bot"], organiser: Actor, dialogueId: string) {
  for (const verb of ["round.startDialogue", "round.form", "round.start"])
    valid((await bot.execute(organiser, verb, { dialogueId, round: 1 })).card);
}
