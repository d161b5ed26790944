import assert from "node:assert/strict";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "../rounds/helpers";
import { tracked } from "../reliability/report";

const GROUP = "security/retention";
const NOTE = "Poistettava muistiinpano 4471";
const organiser: Actor = { userId: "aad-del-organiser", userName: "Olga Organiser", locale: "en-US" };
/** Added through "Manage organisers" (the people picker gives object ids). */
const coOrganiser: Actor = {
  userId: "3f1c9a7e-52d4-4b8e-a0c6-9e7d1b2f4a11",
  userName: "Kaisa Apujärjestäjä",
  locale: "sv-FI",
};
const PEOPLE: Actor[] = ["Rauni Rekola", "Veikko Vesterinen", "Hilkka Haapakoski", "Arvo Airaksinen"].map(
  (userName, i) => ({ userId: `aad-del-${i}`, userName, locale: "fi-FI" }),
);
const FORM = {
  title: "Poistettava dialogi",
  description: "Kuvaus",
  themes: "Kysymys?",
  date: "2031-05-20",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_d%40thread.v2/0",
  address: "",
  capacity: "3",
  deadlineDate: "2031-05-13",
  deadlineTime: "16:00",
  languages: "fi",
  organisers: "Oikeusministeriö",
  groundRules: "current4",
  agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
};

describe("security: deleting a dialogue erases all its personal data", function () {
  this.timeout(30_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { JOB_POLL_MS: "50", LOG_LEVEL: "warn" } });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  /** Every row of every table that mentions `needles` (keys or values), as `table: row`. */
  async function mentions(needles: string[], tables: readonly string[] = TABLE_NAMES): Promise<string[]> {
    const found: string[] = [];
    for (const name of tables) {
      for await (const e of app.app.store.table(name).listEntities()) {
        const text = JSON.stringify(e);
        const hit = needles.find((n) => text.includes(n));
        if (hit) found.push(`${name}: ${hit} in ${text.slice(0, 160)}`);
      }
    }
    return found;
  }

  /** Waits until no outbox row of the dialogue is still pending (rows then no longer change). */
  async function settledOutbox(dialogueId: string): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      let pending = 0;
      for await (const e of app.app.store.table("Outbox").listEntities<{ status?: string }>())
        if (String(e.partitionKey).startsWith(`${dialogueId}|`) && e.status === "pending") pending++;
      if (pending === 0) return;
      assert.ok(Date.now() < until, `${pending} outbox rows of ${dialogueId} still pending`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it(
    "`delete dialogue <id> confirm` by its creator leaves nothing of it in any table; a co-organiser's is refused",
    tracked(GROUP, async () => {
      const bot = driver(app, connector);
      for (const a of [organiser, coOrganiser, ...PEOPLE]) await bot.say(a, "help");
      const [form] = await bot.say(organiser, "new dialogue");
      const create = executeAction(cardOf(form), "dialogue.create")!;
      const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...FORM });
      const id = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
      for (const p of PEOPLE) {
        const r = await bot.execute(p, "registration.submit", {
          dialogueId: id,
          language: "fi",
          organisation: `${p.userName} Oy`,
          scribe: "true",
          acceptRules: "true",
        });
        valid(r.card, r);
      }
      // A round with groups, timers and a note.
      const controls = (verb: string, data: Record<string, unknown> = {}) =>
        bot.execute(organiser, verb, { dialogueId: id, ...data });
      // The dialogue is scheduled in the future: the early start is confirmed, as on the card.
      valid((await controls("round.startDialogue", { confirmEarly: true })).card);
      valid((await controls("round.form", { round: 1 })).card);
      const mark = connector.calls.length;
      valid((await controls("round.start", { round: 1 })).card);
      const { p, card } = await eventually("a notes card", () => {
        for (const p of PEOPLE) {
          const card = personalActivities(connector, p.userId, mark)
            .filter((a) => Array.isArray(a.attachments))
            .map((a) => cardOf(a))
            .find((c) => executeAction(c, "notes.save"));
          if (card) return { p, card };
        }
        return undefined;
      });
      const saved = await bot.execute(p, "notes.save", {
        ...executeAction(card, "notes.save")!.data,
        text: NOTE,
        themes: "poisto",
        insights: "",
      });
      valid(saved.card, saved);
      const added = await bot.execute(organiser, "dialogue.staffAdd", {
        dialogueId: id,
        role: "organiser",
        person: coOrganiser.userId,
      });
      valid(added.card, added);
      const personal = [id, NOTE, ...PEOPLE.map((x) => `${x.userName} Oy`)];
      // The round's messages go out through the outbox, whose sender marks each row sent in the
      // background: the snapshot is taken once none is pending, so any later change is the eraser's.
      await settledOutbox(id);
      const before = await mentions(personal);
      for (const t of ["Dialogues", "Registrations", "Groups", "Notes", "Jobs"])
        assert.ok(
          before.some((m) => m.startsWith(`${t}:`)),
          `${t} holds rows of the dialogue before`,
        );

      // Not an organiser: refused. No confirmation word: only the warning.
      const [refused] = await bot.say(PEOPLE[0]!, `poista dialogi ${id} vahvista`);
      assert.match(String(refused?.text), /Vain dialogin järjestäjät|järjestäj/);
      // A co-organiser may edit and cancel, but erasing is the creator's: refused at both steps,
      // told who can (by name, no ids), and nothing is erased.
      const [coWarning] = await bot.say(coOrganiser, `radera dialog ${id}`);
      const [coRefused] = await bot.say(coOrganiser, `radera dialog ${id} bekräfta`);
      for (const r of [coWarning, coRefused]) {
        assert.match(
          String(r?.text),
          /Bara arrangören som skapade dialogen kan radera den: Olga Organiser\./,
        );
        assert.doesNotMatch(String(r?.text), new RegExp(`${organiser.userId}|${coOrganiser.userId}`));
      }
      const [coEnglish] = await bot.say({ ...coOrganiser, locale: "en-US" }, `delete dialogue ${id} confirm`);
      assert.match(
        String(coEnglish?.text),
        /Only the organiser who created the dialogue can delete it: Olga/,
      );
      assert.deepEqual(await mentions(personal), before, "nothing deleted by a co-organiser");
      const coEdit = await bot.execute(coOrganiser, "dialogue.edit", { dialogueId: id });
      assert.ok(executeAction(valid(coEdit.card, coEdit), "dialogue.save"), "still a co-organiser");

      const [warning] = await bot.say(organiser, `delete dialogue ${id}`);
      assert.match(
        String(warning?.text),
        /permanently deletes "Poistettava dialogi"[^]*delete dialogue d-\w+ confirm/,
      );
      assert.deepEqual(await mentions(personal), before, "nothing deleted without confirmation");

      const [done] = await bot.say(organiser, `delete dialogue ${id} confirm`);
      assert.match(String(done?.text), /were deleted/);
      // ConversationRefs hold people's chats with the bot (not the dialogue's): checked for the id only.
      const tables = TABLE_NAMES.filter((t) => t !== "ConversationRefs");
      assert.deepEqual(await mentions(personal, tables), []);
      assert.deepEqual(await mentions([id], ["ConversationRefs"]), []);
      const [list] = await bot.say(organiser, "my dialogues");
      assert.ok(!JSON.stringify(list).includes(id), "gone from 'my dialogues'");
      const again = await bot.execute(PEOPLE[1]!, "dialogue.refresh", { dialogueId: id });
      assert.match(String(again.message), /ei löytynyt|not found/);
      return `retention: ${before.length} rows before delete, 0 after`;
    }),
  );
});
