import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { waitFor } from "../../testing/outbox-fleet";
import { startBotTokenAuthority, type BotTokenAuthority } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  driver,
  executeAction,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";

// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
// Dev sign-in personas and the seeded directory live in the tenant "dev"; Teams users here too.
const TENANT = "dev";
const organiser: Actor = { userId: "aad-me-organiser", userName: "Olli", locale: "fi-FI", tenantId: TENANT };
const ben: Actor = { userId: "aad-me-ben", userName: "Ben", locale: "en-GB", tenantId: TENANT };
const kaisa: Actor = { userId: "aad-me-kaisa", userName: "Kaisa", locale: "fi-FI", tenantId: TENANT };
const anna: Actor = { userId: "aad-me-anna", userName: "Anna", locale: "sv-SE", tenantId: TENANT };
// A staff member of the Ministry of Finance by membership (granted below), a plain reader.
const staff: Actor = {
  userId: "5b3c1d2e-0000-4000-8000-0000000000e1",
  userName: "Veikko",
  locale: "fi-FI",
  tenantId: TENANT,
};
const reader: Actor = { userId: "aad-me-reader", userName: "Lea", locale: "fi-FI", tenantId: TENANT };
const CHANNEL = "19:me-channel@thread.tacv2";
// Conversations the bot was never added to: where a user inserts a card with the extension.
const GROUP_CHAT = "19:me-never-installed@thread.v2";
const ONE_TO_ONE = "19:aad-me-kaisa_aad-me-olli@unq.gbl.spaces";

type Extension = {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: {
    contentType: string;
    content: Record<string, unknown>;
    preview: { contentType: string; content: { title: string; text?: string } };
  }[];
};

function formInputs(title: string, date: string): Record<string, string> {
  return {
    title,
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä?",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?",
    date,
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_kevat%40thread.v2/0",
    address: "",
    capacity: "5",
    deadlineDate: date,
    deadlineTime: "08:00",
    languages: "fi,sv,en",
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Dialogikeskustelut\n11:00 Tilaisuus päättyy",
  };
}

describe("message extension through /api/messages (signed tokens)", function () {
  this.timeout(90_000);
  let authority: BotTokenAuthority;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let signed: TestApp;
  let bot: ReturnType<typeof driver>;
  const mine: string[] = [];
  let bensDialogue = "";

  /** Signs every activity as the Bot Framework would (the app validates against the local JWKS). */
  const post = async (activity: unknown) =>
    app.postActivity(activity, await authority.mint({ serviceUrl: connector.serviceUrl }));

  /** A message extension invoke from the compose box of a chat the bot was never added to. */
  function invoke(a: Actor, name: string, value: unknown, conversationId = GROUP_CHAT) {
    return {
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        userId: a.userId,
        userName: a.userName,
        locale: a.locale,
        tenantId: a.tenantId,
        conversationType: conversationId.endsWith("unq.gbl.spaces") ? "personal" : "groupChat",
        conversationId,
      }),
      type: "invoke",
      name,
      text: undefined,
      value,
    };
  }

  async function extension(a: Actor, name: string, value: unknown): Promise<Extension> {
    const res = await post(invoke(a, name, value));
    assert.equal(res.status, 200);
    return ((await res.json()) as { composeExtension: Extension }).composeExtension;
  }

  /** Runs a search command; `undefined` text is the initial run (nothing typed yet). */
  const query = (a: Actor, commandId: string, text?: unknown, count = 25) =>
    extension(a, "composeExtension/query", {
      commandId,
      parameters:
        text === undefined ? [{ name: "initialRun", value: "true" }] : [{ name: "query", value: text }],
      queryOptions: { skip: 0, count },
    });

  /** The list of results, checked for the shape Teams needs, with each card validated. */
  function results(ext: Extension) {
    assert.equal(ext.type, "result", `expected results, got ${JSON.stringify(ext)}`);
    assert.equal(ext.attachmentLayout, "list");
    assert.ok(ext.attachments!.length <= 25);
    for (const a of ext.attachments!) {
      assert.equal(a.contentType, "application/vnd.microsoft.card.adaptive");
      valid(a.content);
      assert.equal(a.preview.contentType, "application/vnd.microsoft.card.thumbnail");
      assert.ok(a.preview.content.title.length > 0);
    }
    return ext.attachments!;
  }

  async function createDialogue(a: Actor, title: string, date: string): Promise<string> {
    const [form] = await bot.say(a, "uusi dialogi");
    const data = executeAction(valid(cardOf(form)), "dialogue.create")!.data;
    const created = await bot.execute(a, "dialogue.create", { ...data, ...formInputs(title, date) });
    const edit = executeAction(valid(created.card, created), "dialogue.edit");
    assert.ok(edit, textOf(created.card));
    return String(edit.data.dialogueId);
  }

  /** Dev sign-in tokens for the directory API (personas of the tenant "dev"). */
  async function signIn(persona: string): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/dev-signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona }),
    });
    return ((await res.json()) as { token: string }).token;
  }
  async function api(path: string, token: string, method = "GET", body?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { entry: { id: string; status: string } } };
  }

  before(async () => {
    authority = await startBotTokenAuthority();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { ...authority.env, PUBLIC_URL, LOG_LEVEL: "error" } });
    signed = { ...app, postActivity: (activity: unknown) => post(activity) };
    bot = driver(signed, connector);
    for (const a of [organiser, ben, kaisa]) await bot.say(a, "help");
    mine.push(await createDialogue(organiser, "Kevään treffitori", "2030-04-02"));
    mine.push(await createDialogue(organiser, "Syksyn kuntadialogi", "2030-09-10"));
    bensDialogue = await createDialogue(ben, "Ben's budget dialogue", "2030-05-05");
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await authority?.close();
  });

  describe("search the directory (searchDirectory)", () => {
    it("opens with upcoming ('Tulossa') entries, capped, each an entry card linking to its page in the tab", async () => {
      const list = results(await query(organiser, "searchDirectory"));
      assert.ok(list.length > 1);
      assert.match(textOf(list[0]!.content), /Vertaisdialogihakemisto · Tulossa/);
      const [open] = findAll(list[0]!.content, "Action.OpenUrl");
      assert.equal(open!.title, "Avaa hakemistossa");
      assert.match(String(open!.url), /^http:\/\/localhost:8443\/#\/org\/[a-z0-9-]+\?entry=[A-Za-z0-9_-]+$/);
      // Teams shows at most 25: a larger page asked for is still capped.
      const big = results(await query(organiser, "searchDirectory", undefined, 500));
      assert.ok(big.length <= 25 && big.length > 0);
    });

    it("finds entries with the directory's Finnish-aware search, in the searcher's language", async () => {
      const fi = results(await query(organiser, "searchDirectory", "Saimaa"));
      assert.ok(fi.some((a) => /Saimaadialogit/.test(textOf(a.content))));
      assert.match(fi[0]!.preview.content.text ?? "", / · /);
      const sv = results(await query(anna, "searchDirectory", "Saimaa"));
      assert.match(textOf(sv[0]!.content), /Katalogen över kamratdialoger/);
      assert.equal(findAll(sv[0]!.content, "Action.OpenUrl")[0]!.title, "Öppna i katalogen");
      const en = results(await query(ben, "searchDirectory", "  Saimaa\n"));
      assert.match(
        textOf(en[0]!.content),
        /Peer-dialogue directory · (Done|Upcoming|Other)[\s\S]*Organisation/,
      );
      const none = await query(ben, "searchDirectory", "qwxyzzy");
      assert.equal(none.type, "message");
      assert.match(String(none.text), /No matches in the directory\. Try another word/);
    });

    it("offers unpublished entries only to the organisation's staff, as the tab does", async () => {
      const [staffVm, coordinator] = [await signIn("staff-vm"), await signIn("coordinator")];
      const created = await api("/api/directory/entries", staffVm, "POST", {
        orgId: "vm",
        section: "other",
        title: "Hylätty kokeilu lumipallodialogi",
      });
      assert.equal(created.status, 201);
      const id = created.body.entry.id as string;
      const rejected = await api(`/api/directory/entries/vm/${id}/reject`, coordinator, "POST", {
        reason: "Ei vielä.",
      });
      assert.equal(rejected.body.entry.status, "rejected");
      const granted = await api(`/api/directory/memberships/${staff.userId}`, coordinator, "PUT", {
        orgIds: ["vm"],
      });
      assert.equal(granted.status, 200);

      const forReader = await query(reader, "searchDirectory", "lumipallodialogi");
      assert.equal(forReader.type, "message");
      const forStaff = results(await query(staff, "searchDirectory", "lumipallodialogi"));
      assert.equal(forStaff.length, 1);
      assert.match(textOf(forStaff[0]!.content), /Ei vielä julkaistu/);
      // A pasted link to it unfurls for staff only.
      const url = `${PUBLIC_URL}/#/org/vm?entry=${id}`;
      assert.deepEqual((await extension(reader, "composeExtension/queryLink", { url })).attachments, []);
      const unfurled = results(await extension(staff, "composeExtension/queryLink", { url }));
      assert.match(textOf(unfurled[0]!.content), /lumipallodialogi/);
    });
  });

  describe("insert my dialogue's invitation (myDialogues)", () => {
    it("offers only the dialogues I organise, soonest first, as the invitation `julkaise` posts", async () => {
      const list = results(await query(organiser, "myDialogues"));
      const ids = list.map((a) => executeAction(a.content, "registration.start")!.data.dialogueId);
      assert.deepEqual(ids, mine);
      assert.ok(!ids.includes(bensDialogue), "another organiser's dialogue is not offered");
      assert.equal(list[0]!.preview.content.title, "Kevään treffitori");
      assert.match(list[0]!.preview.content.text ?? "", new RegExp(`2\\.4\\.2030.* · ${mine[0]}`));

      const [posted] = await bot.say(organiser, `<at>Dialogi</at> julkaise ${mine[0]}`, {
        conversationType: "channel",
        conversationId: CHANNEL,
      });
      assert.deepEqual(list[0]!.content, valid(cardOf(posted)));
      const refresh = list[0]!.content.refresh as { action: { verb: string }; userIds: string[] };
      assert.equal(refresh.action.verb, "dialogue.refresh");
      assert.deepEqual(refresh.userIds, [`29:${organiser.userId}`]);

      const bens = results(await query(ben, "myDialogues"));
      assert.deepEqual(
        bens.map((a) => executeAction(a.content, "registration.start")!.data.dialogueId),
        [bensDialogue],
      );
      assert.match(textOf(bens[0]!.content), /Ben's budget dialogue/);
    });

    it("filters by title or id, and says what to do when nothing matches", async () => {
      const byTitle = results(await query(organiser, "myDialogues", "SYKSYN"));
      assert.equal(byTitle.length, 1);
      assert.equal(byTitle[0]!.preview.content.title, "Syksyn kuntadialogi");
      const byId = results(await query(organiser, "myDialogues", mine[0]));
      assert.equal(byId[0]!.preview.content.title, "Kevään treffitori");
      const otherId = await query(organiser, "myDialogues", bensDialogue);
      assert.equal(otherId.type, "message");
      assert.match(String(otherId.text), /Yksikään järjestämistäsi tulevista dialogeista/);
      const nothing = await query(reader, "myDialogues");
      assert.match(String(nothing.text), /Sinulla ei ole tulevia dialogeja.*uusi dialogi/);
      const sv = await query({ ...reader, locale: "sv-FI" }, "myDialogues");
      assert.match(String(sv.text), /Du har inga kommande dialoger/);
    });

    it("the inserted card's Register reaches the bot from a chat it was never added to", async () => {
      const [card] = results(await query(organiser, "myDialogues", mine[1]));
      const start = executeAction(card!.content, "registration.start")!;
      const extra = { conversationType: "groupChat" as const, conversationId: GROUP_CHAT };
      const form = await bot.execute(anna, start.verb, start.data, extra);
      assert.match(textOf(valid(form.card, form)), /Anmälan: Syksyn kuntadialogi/);
      const before = connector.calls.length;
      const ok = await bot.execute(
        anna,
        "registration.submit",
        { dialogueId: mine[1], language: "sv", acceptRules: "true" },
        extra,
      );
      assert.match(textOf(valid(ok.card, ok)), /Du är anmäld/);
      // Anna never chatted with the bot: her confirmation opens a personal chat via that group chat.
      // It goes through the outbox: wait for it.
      await waitFor(
        "Anna's personal confirmation",
        () => connector.calls.slice(before).some((c) => /Du är anmäld till/.test(String(c.body.text))),
        15_000,
      );
      // The organiser's own view of the card counts her seat.
      const refreshed = await bot.execute(organiser, "dialogue.refresh", { dialogueId: mine[1] }, extra);
      assert.match(textOf(valid(refreshed.card, refreshed)), /4\/5 vapaana/);
    });

    it("a click in a one-to-one chat between people does not redirect the clicker's bot chat there", async () => {
      const [card] = results(await query(organiser, "myDialogues", mine[0]));
      const data = executeAction(card!.content, "registration.start")!.data;
      const extra = { conversationType: "personal" as const, conversationId: ONE_TO_ONE };
      const before = connector.calls.length;
      const ok = await bot.execute(
        kaisa,
        "registration.submit",
        { ...data, language: "fi", acceptRules: "true" },
        extra,
      );
      assert.match(textOf(valid(ok.card, ok)), /Olet ilmoittautunut/);
      await waitFor(
        "Kaisa's confirmation in her bot chat",
        () =>
          bot
            .sentTo(`a:chat-${kaisa.userId}`, before)
            .some((c) => /Olet ilmoittautunut dialogiin/.test(String(c.body.text))),
        15_000,
      );
      assert.deepEqual(bot.sentTo(ONE_TO_ONE, before), []);
      // Later messages still find her bot chat.
      const sent = await bot.say(kaisa, "apua");
      assert.ok(sent.length > 0);
      assert.deepEqual(bot.sentTo(ONE_TO_ONE, before), []);
    });
  });

  describe("link unfurling (composeExtension/queryLink)", () => {
    it("unfurls organisation and entry pages of the tab into cards in the paster's language", async () => {
      const org = results(
        await extension(ben, "composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` }),
      );
      assert.equal(org.length, 1);
      const orgText = textOf(org[0]!.content);
      assert.match(orgText, /Peer-dialogue directory · organisation/);
      assert.match(orgText, /Done[\s\S]*Upcoming[\s\S]*Other/);
      assert.equal(findAll(org[0]!.content, "Action.OpenUrl")[0]!.url, `${PUBLIC_URL}/#/org/vm`);

      const [first] = results(await query(organiser, "searchDirectory", "Saimaa"));
      const entryUrl = String(findAll(first!.content, "Action.OpenUrl")[0]!.url);
      const entry = results(await extension(organiser, "composeExtension/queryLink", { url: entryUrl }));
      assert.deepEqual(entry[0]!.content, first!.content);
    });

    it("leaves other links alone: other sites, other pages, unknown ids, malformed values", async () => {
      for (const value of [
        { url: "https://evil.example/#/org/vm" },
        { url: `${PUBLIC_URL}/#/directory` },
        { url: `${PUBLIC_URL}/#/org/ei-ole-olemassa` },
        { url: `${PUBLIC_URL}/#/org/vm?entry=ei-ole` },
        { url: `${PUBLIC_URL}/#/org/%E0%A4%A` },
        { url: `${PUBLIC_URL}/#/org/${"x".repeat(10_000)}` },
        { url: 42 },
        "not an object",
      ]) {
        const ext = await extension(ben, "composeExtension/queryLink", value);
        assert.equal(ext.type, "result", JSON.stringify(value).slice(0, 80));
        assert.deepEqual(ext.attachments, []);
      }
    });
  });

  it("another tenant's user (even with the same object id) gets nothing of this tenant: no entries, dialogues or unfurls", async () => {
    const outsider: Actor = { ...organiser, tenantId: "other-tenant-0000" };
    for (const text of [undefined, "Saimaa"]) {
      const ext = await query(outsider, "searchDirectory", text);
      assert.equal(ext.type, "message", JSON.stringify(ext).slice(0, 200));
    }
    const dialogues = await query(outsider, "myDialogues", undefined);
    assert.equal(dialogues.type, "message");
    const byId = await query(outsider, "myDialogues", mine[0]);
    assert.equal(byId.type, "message");
    const [first] = results(await query(organiser, "searchDirectory", "Saimaa"));
    const entryUrl = String(findAll(first!.content, "Action.OpenUrl")[0]!.url);
    for (const url of [`${PUBLIC_URL}/#/org/vm`, entryUrl]) {
      const ext = await extension(outsider, "composeExtension/queryLink", { url });
      assert.deepEqual(ext.attachments, [], url);
    }
  });

  it("has every text of the extension in fi, sv and en", () => {
    const keys = (lang: string) => {
      const file = join(__dirname, "../../src/platform/i18n/locales", lang, "messageExtension.json");
      const flat = (o: Record<string, unknown>, prefix = ""): string[] =>
        Object.entries(o).flatMap(([k, v]) =>
          v && typeof v === "object"
            ? flat(v as Record<string, unknown>, `${prefix}${k}.`)
            : [`${prefix}${k}`],
        );
      return flat(JSON.parse(readFileSync(file, "utf8"))).sort();
    };
    assert.ok(keys("fi").length > 10);
    assert.deepEqual(keys("sv"), keys("fi"));
    assert.deepEqual(keys("en"), keys("fi"));
  });

  describe("bad input is answered clearly, never with a 500", () => {
    const cases: [string, Actor, () => unknown, RegExp][] = [
      [
        "control characters",
        organiser,
        () => "Saimaa\u0000\u001b[31m",
        /ohjausmerkkejä\. Kirjoita haku tavallisena tekstinä/,
      ],
      ["10 kB of text", ben, () => "a".repeat(10 * 1024), /too long: at most 200 characters\. Shorten/],
      ["201 characters", anna, () => "ä".repeat(201), /för lång: högst 200 tecken/],
    ];
    for (const [name, actor, text, expected] of cases) {
      it(`${name} in searchDirectory and myDialogues`, async () => {
        for (const command of ["searchDirectory", "myDialogues"]) {
          const ext = await query(actor, command, text());
          assert.equal(ext.type, "message");
          assert.match(String(ext.text), expected);
        }
      });
    }

    it("an unknown command or a malformed invoke value gets a message; a non-text parameter counts as empty", async () => {
      const unknown = await extension(ben, "composeExtension/query", {
        commandId: "dropTables",
        parameters: [],
      });
      assert.match(String(unknown.text), /This search is not known\. Update the Dialogi app/);
      for (const value of ["x", null, [1, 2], { commandId: 7 }]) {
        const ext = await extension(ben, "composeExtension/query", value);
        assert.equal(ext.type, "message");
      }
      const objectParam = await extension(ben, "composeExtension/query", {
        commandId: "myDialogues",
        parameters: [{ name: "query", value: { $ne: 1 } }],
      });
      assert.equal(results(objectParam).length, 1);
    });

    it("without an AAD identity (from.aadObjectId) nothing is offered or unfurled", async () => {
      const anonymous = async (name: string, value: unknown) => {
        const activity = invoke(organiser, name, value) as unknown as { from: Record<string, unknown> };
        delete activity.from.aadObjectId;
        const res = await post(activity);
        assert.equal(res.status, 200);
        return ((await res.json()) as { composeExtension: Extension }).composeExtension;
      };
      const search = await anonymous("composeExtension/query", { commandId: "myDialogues", parameters: [] });
      assert.equal(search.type, "message");
      assert.match(String(search.text), /Teams ei kertonut, kuka hakee/);
      const link = await anonymous("composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` });
      assert.deepEqual(link.attachments, []);
    });

    it("an unsigned or wrongly signed invoke is refused (401) before any handler runs", async () => {
      const activity = invoke(ben, "composeExtension/query", { commandId: "myDialogues", parameters: [] });
      assert.equal((await app.postActivity(activity)).status, 401);
      const foreign = await authority.mint({ serviceUrl: connector.serviceUrl, foreignKey: true });
      assert.equal((await app.postActivity(activity, foreign)).status, 401);
    });
  });
});
