import assert from "node:assert/strict";
import { executeActivity, messageActivity, type ActivityOptions } from "../../testing/activities";
import type { TestApp } from "../../testing/app";
import { adaptiveCardProblems, cardOf, cardTexts } from "../../testing/card-validation";
import type { ConnectorRecorder } from "../../testing/connector-recorder";

/** A person in the conversation tests: AAD id, locale and where they type. */
export interface Actor {
  userId: string;
  userName: string;
  locale: string;
  tenantId?: string;
}

/** Asserts a card is valid Adaptive Card 1.5 with labels on every input, and returns it. */
export function valid(card: unknown, context?: unknown): Record<string, unknown> {
  assert.ok(card && typeof card === "object", `expected a card, got ${JSON.stringify(context ?? card)}`);
  const c = card as Record<string, unknown>;
  assert.equal(c.version, "1.5");
  assert.deepEqual(adaptiveCardProblems(c), []);
  assert.ok(!JSON.stringify(c).includes("${"), "unbound template expression left in the card");
  return c;
}

/** All texts of a card joined, for regex assertions. */
export const textOf = (card: unknown) => cardTexts(card).join("\n");

/** Every object in a card with the given `type` (actions, inputs). */
export function findAll(card: unknown, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (o.type === type) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The Action.Execute with a verb, or undefined. */
export function executeAction(card: unknown, verb: string) {
  return findAll(card, "Action.Execute").find((a) => a.verb === verb) as
    { verb: string; data: Record<string, unknown> } | undefined;
}

export { cardOf } from "../../testing/card-validation";

/** Drives the app as Teams would: text messages and Action.Execute invokes. */
export function driver(app: TestApp, connector: ConnectorRecorder) {
  const base = (a: Actor, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({
    serviceUrl: connector.serviceUrl,
    userId: a.userId,
    userName: a.userName,
    locale: a.locale,
    tenantId: a.tenantId,
    ...extra,
  });
  return {
    /** Sends text; resolves with the activities the bot sent in reply. */
    async say(a: Actor, text: string, extra: Partial<ActivityOptions> = {}) {
      const before = connector.activities().length;
      const activity = messageActivity({ ...base(a, extra), text });
      const res = await app.postActivity(activity);
      assert.equal(res.status, 200);
      // Proactive messages from earlier steps may still be arriving: direct replies to this
      // turn (replyToId = its id) come first, anything else after, in arrival order.
      const sent = connector.activities().slice(before);
      const isReply = (x: Record<string, unknown>) => x.replyToId === activity.id;
      return [...sent.filter(isReply), ...sent.filter((x) => !isReply(x))];
    },
    /** Clicks an Action.Execute; resolves with the invoke response's card or message. */
    async execute(
      a: Actor,
      verb: string,
      data: Record<string, unknown>,
      extra: Partial<ActivityOptions> = {},
    ) {
      const res = await app.postActivity(executeActivity({ ...base(a, extra), verb, data }));
      assert.equal(res.status, 200);
      const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
      assert.equal(body.statusCode, 200);
      if (body.type === "application/vnd.microsoft.card.adaptive")
        return { card: body.value as Record<string, unknown>, message: undefined };
      // Tests call valid(result.card, result) so a refusal's text shows up in the failure.
      return { card: undefined, message: String(body.value) };
    },
    /** Proactive/turn activities sent to a conversation id since index `from`. */
    sentTo(conversationIdPart: string, from = 0) {
      return connector.calls
        .slice(from)
        .filter(
          (c) =>
            c.path.includes(encodeURIComponent(conversationIdPart)) || c.path.includes(conversationIdPart),
        )
        .filter((c) => /\/activities/.test(c.path))
        .map((c) => ({ method: c.method, path: c.path, body: c.body }));
    },
  };
}

/** A complete, valid answer to the new-dialogue form: a remote dialogue on 25.3.2030, 9–11. */
export const REMOTE_DIALOGUE_FORM: Readonly<Record<string, string>> = {
  title: "Dialogi",
  description: "Kuvaus",
  themes: "Teema",
  date: "2030-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_test%40thread.v2/0",
  address: "",
  capacity: "10",
  deadlineDate: "2030-03-18",
  deadlineTime: "16:00",
  languages: "fi,sv,en",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
};

/**
 * Creates a dialogue the way an organiser does: types `uusi dialogi` and submits the form with
 * {@link REMOTE_DIALOGUE_FORM} and `fields` over it. Returns the organiser card and the new id.
 */
export async function createDialogueThroughBot(
  bot: ReturnType<typeof driver>,
  organiser: Actor,
  fields: Record<string, string> = {},
) {
  const [form] = await bot.say(organiser, "uusi dialogi");
  const create = executeAction(valid(cardOf(form)), "dialogue.create")!;
  const created = await bot.execute(organiser, "dialogue.create", {
    ...create.data,
    ...REMOTE_DIALOGUE_FORM,
    ...fields,
  });
  const edit = executeAction(valid(created.card), "dialogue.edit");
  assert.ok(edit, `the dialogue was not created: ${textOf(created.card)}`);
  return { created, dialogueId: String(edit.data.dialogueId) };
}

/**
 * Registers `a` for a dialogue the way the registration card does (Finnish, Kela, a resident, not
 * a scribe, ground rules accepted; `fields` over those) and asserts the answer is a valid card.
 * Returns the bot's answer.
 */
export async function registerThroughBot(
  bot: ReturnType<typeof driver>,
  a: Actor,
  dialogueId: string,
  fields: Record<string, string> = {},
) {
  const result = await bot.execute(a, "registration.submit", {
    dialogueId,
    language: "fi",
    organisation: "Kela",
    background: "resident",
    scribe: "false",
    acceptRules: "true",
    ...fields,
  });
  valid(result.card, result);
  return result;
}
