import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { arrangeDialogue, arrangeRunningRound, memberId, noteRowsOf, rowsOf } from "../../testing/arrange";
import { tracked } from "../reliability/report";

const GROUP = "security/cards";

describe("security: forged card submits change nothing", function () {
  this.timeout(30_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  const victim: Actor = { userId: "aad-victim", userName: "Vera Victim", locale: "en-US" };
  const attacker: Actor = { userId: "aad-attacker", userName: "Aki Attacker", locale: "en-US" };
  /** Identity fields an attacker might plant in card data. */
  const forgedIdentity = (userId: string) => ({
    userId,
    aadObjectId: userId,
    aadId: userId,
    from: { id: `29:${userId}`, aadObjectId: userId },
    tenantId: "tenant-other",
  });
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { LOG_LEVEL: "silent" } });
    bot = driver(app, connector);
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it(
    "registration uses the authenticated sender, never user ids in the payload",
    tracked(GROUP, async () => {
      const d = await arrangeDialogue(app.app.store, { capacity: 1 });
      const registered = await bot.execute(victim, "registration.submit", {
        dialogueId: d.id,
        language: "fi",
        acceptRules: "true",
      });
      assert.ok(registered.card);
      // The attacker registers "as the victim" and cancels "for the victim".
      await bot.execute(attacker, "registration.submit", {
        ...forgedIdentity(victim.userId),
        dialogueId: d.id,
        language: "fi",
        organisation: "Forged",
        acceptRules: "true",
      });
      await bot.execute(attacker, "registration.cancel", {
        ...forgedIdentity(victim.userId),
        dialogueId: d.id,
      });
      const rows = await rowsOf(app.app.store, "Registrations", d.id);
      const byKey = new Map(rows.map((r) => [String(r.rowKey), r]));
      assert.equal(byKey.get(victim.userId)?.status, "confirmed", "the victim keeps the seat");
      assert.notEqual(byKey.get(victim.userId)?.organisation, "Forged", "the victim's answers are untouched");
      assert.equal(
        byKey.get(attacker.userId)?.status,
        "cancelled",
        "the attacker only changed their own row",
      );
    }),
  );

  it(
    "notes: a non-member naming a scribe in the payload is refused; nothing is stored",
    tracked(GROUP, async () => {
      const { dialogue } = await arrangeRunningRound(app.app.store, 1, 3);
      const r = await bot.execute(attacker, "notes.save", {
        ...forgedIdentity(memberId(dialogue.id, 0)),
        dialogueId: dialogue.id,
        round: 1,
        group: 1,
        noteId: randomUUID(),
        text: "Forged note",
        themes: "",
        insights: "",
      });
      assert.equal(r.card, undefined);
      assert.match(String(r.message), /not a member|member/i);
      assert.equal((await noteRowsOf(app.app.store, dialogue.id)).length, 0);
    }),
  );

  it(
    "forged dialogue ids, unknown verbs and wrong types are rejected without changes",
    tracked(GROUP, async () => {
      const { dialogue } = await arrangeRunningRound(app.app.store, 1, 3);
      const scribe: Actor = { userId: memberId(dialogue.id, 0), userName: "S", locale: "en-US" };
      const other = await arrangeDialogue(app.app.store, { tenantId: "tenant-other" });
      const snapshot = async () =>
        JSON.stringify(
          await Promise.all(
            ["Dialogues", "Registrations", "Groups", "Notes"].flatMap((t) => [
              rowsOf(app.app.store, t, dialogue.id),
              rowsOf(app.app.store, t, other.id),
            ]),
          ),
        );
      const before = await snapshot();
      const note = {
        dialogueId: dialogue.id,
        round: 1,
        group: 1,
        noteId: randomUUID(),
        text: "ok",
        themes: "",
        insights: "",
      };
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ["registration.submit", { dialogueId: other.id, language: "fi", acceptRules: "true" }, /not found/],
        ["registration.submit", { dialogueId: "d-zzzzzzzz' or ''='", language: "fi" }, /not found|invalid/],
        ["registration.submit", { dialogueId: "../Registrations/x", language: "fi" }, /not found|invalid/],
        ["registration.submit", { dialogueId: ["d-aaaaaaaa"], language: "fi" }, /invalid/],
        [
          "registration.submit",
          { dialogueId: dialogue.id, language: { $gt: "" }, acceptRules: true },
          /invalid/,
        ],
        ["notes.save", { ...note, dialogueId: other.id }, /No such|not a member|closed/i],
        ["notes.save", { ...note, round: "1; drop" }, /No such|invalid|not|closed/i],
        ["notes.save", { ...note, group: -1 }, /No such|invalid|not|closed/i],
        ["notes.save", { ...note, text: { type: "TextBlock" } }, /No such|invalid|not|closed/i],
        ["notes.save", { ...note, noteId: "../../x" }, /No such|not|invalid|closed/i],
        ["round.start", { dialogueId: dialogue.id, round: 1e9 }, /No such|invalid|not|only/i],
        ["dialogue.explode", { dialogueId: dialogue.id }, /can no longer be used/],
        ["", { dialogueId: dialogue.id }, /can no longer be used/],
        ["x".repeat(10_000), {}, /can no longer be used/],
        ["__proto__", { dialogueId: dialogue.id }, /can no longer be used/],
        ["constructor", {}, /can no longer be used/],
      ];
      for (const [verb, data, expected] of cases) {
        const r = await bot.execute(scribe, verb, data);
        assert.equal(r.card, undefined, `${verb} ${JSON.stringify(data).slice(0, 80)}`);
        assert.match(
          String(r.message),
          expected,
          `${verb} ${JSON.stringify(data).slice(0, 120)}: ${r.message}`,
        );
      }
      assert.equal(await snapshot(), before, "no row changed");
    }),
  );
});
