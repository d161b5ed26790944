import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startBotTokenAuthority, type BotTokenAuthority } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";

const PUBLIC_URL = "http://localhost:8443";
// The seeded directory lives in the tenant "dev"; Teams users here too.
const TENANT = "dev";
const BURST = 3;
const olli: Actor = { userId: "aad-rl-olli", userName: "Olli Hakija", locale: "fi-FI", tenantId: TENANT };
const ben: Actor = { userId: "aad-rl-ben", userName: "Ben Searcher", locale: "en-GB", tenantId: TENANT };
const LIMITED = "message extension rate limited";

type Extension = { type: string; text?: string; attachments?: { content: Record<string, unknown> }[] };

/**
 * The message extension's per-user budget through /api/messages with signed tokens: a burst of
 * {@link BURST} searches, refilled at one a second (EXTENSION_SEARCH_* settings), on the app's
 * clock (the `now` seam), so the window passes without waiting.
 */
describe("message extension: searches are rate limited per user", function () {
  this.timeout(60_000);
  let authority: BotTokenAuthority;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let clock = new Date("2030-01-10T08:00:00Z");
  const logLines: string[] = [];

  async function extension(a: Actor, name: string, value: unknown): Promise<Extension> {
    const activity = {
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        userId: a.userId,
        userName: a.userName,
        locale: a.locale,
        tenantId: a.tenantId,
        conversationType: "groupChat",
        conversationId: "19:rl-chat@thread.v2",
      }),
      type: "invoke",
      name,
      text: undefined,
      value,
    };
    const res = await app.postActivity(activity, await authority.mint({ serviceUrl: connector.serviceUrl }));
    assert.equal(res.status, 200, "a compose-extension answer, never an HTTP error");
    return ((await res.json()) as { composeExtension: Extension }).composeExtension;
  }
  const query = (a: Actor, commandId: string, text: string) =>
    extension(a, "composeExtension/query", {
      commandId,
      parameters: [{ name: "query", value: text }],
      queryOptions: { skip: 0, count: 25 },
    });
  const limitedLogs = () => logLines.filter((l) => (JSON.parse(l) as { msg: string }).msg === LIMITED);

  before(async () => {
    authority = await startBotTokenAuthority();
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: {
        ...authority.env,
        PUBLIC_URL,
        EXTENSION_SEARCH_BURST: String(BURST),
        EXTENSION_SEARCH_PER_MINUTE: "60",
      },
      overrides: { now: () => clock },
      logLines,
    });
    // Olli organises one dialogue, so "my dialogues" has a result whenever the search runs.
    const bot = driver(
      {
        ...app,
        postActivity: async (a) =>
          app.postActivity(a, await authority.mint({ serviceUrl: connector.serviceUrl })),
      },
      connector,
    );
    await bot.say(olli, "help");
    const [form] = await bot.say(olli, "uusi dialogi");
    const data = executeAction(valid(cardOf(form)), "dialogue.create")!.data;
    const created = await bot.execute(olli, "dialogue.create", {
      ...data,
      title: "Rajoitettu haku",
      description: "Kuvaus",
      themes: "Kysymys?",
      date: "2030-04-02",
      startTime: "09:00",
      endTime: "11:00",
      mode: "remote",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_rl%40thread.v2/0",
      address: "",
      capacity: "5",
      deadlineDate: "2030-04-01",
      deadlineTime: "16:00",
      languages: "fi",
      organisers: "Valtiovarainministeriö",
      groundRules: "current4",
      agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
    });
    assert.ok(executeAction(valid(created.card, created), "dialogue.edit"), "the dialogue was created");
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await authority?.close();
  });

  it("the search after the burst gets a translated 'slow down' message and runs nothing; others are unaffected; it works again after the window", async () => {
    for (let i = 0; i < BURST; i++) {
      const ok = await query(olli, "myDialogues", "rajoitettu");
      assert.equal(ok.type, "result", JSON.stringify(ok));
      assert.equal(ok.attachments!.length, 1);
    }
    // Over the budget: the answer is the message in place of the result the search would give.
    const slow = await query(olli, "myDialogues", "rajoitettu");
    assert.deepEqual(slow, {
      type: "message",
      text: "Haet nopeammin kuin Dialogi ehtii vastata. Odota 1 s ja kirjoita hakusana uudelleen.",
    });
    // Nothing after the limit runs: an unknown command is not even looked up (no warning for it),
    // and a pasted link stays a plain link.
    const unknown = await query(olli, "noSuchCommand", "x");
    assert.match(String(unknown.text), /Haet nopeammin/);
    assert.ok(!logLines.some((l) => l.includes("unknown message extension command")));
    const unfurl = await extension(olli, "composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` });
    assert.deepEqual(unfurl.attachments, []);

    // One log line for the window, with ids only: not the person's object id or name.
    assert.equal(limitedLogs().length, 1, limitedLogs().join("\n"));
    assert.doesNotMatch(limitedLogs()[0]!, new RegExp(`${olli.userId}|Olli|Hakija|rajoitettu`));

    // Another user (same tenant) has their own budget, in their language for the message too.
    const other = await query(ben, "searchDirectory", "Saimaa");
    assert.equal(other.type, "result", JSON.stringify(other));
    for (let i = 1; i < BURST; i++)
      assert.equal((await query(ben, "searchDirectory", "Saimaa")).type, "result");
    assert.match(
      String((await query(ben, "searchDirectory", "Saimaa")).text),
      /^You are searching faster than Dialogi can answer\. Wait 1 s/,
    );

    // A second later one search is back; the next is refused again, still within the same log window.
    clock = new Date(clock.getTime() + 1000);
    const again = await query(olli, "myDialogues", "rajoitettu");
    assert.equal(again.type, "result", JSON.stringify(again));
    assert.equal(again.attachments!.length, 1);
    assert.match(String((await query(olli, "myDialogues", "rajoitettu")).text), /Haet nopeammin/);
    assert.equal(limitedLogs().length, 2, "once per user and window: Olli once, Ben once");

    // After a full refill the whole burst is available again, unfurls included.
    clock = new Date(clock.getTime() + BURST * 1000);
    const org = await extension(olli, "composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` });
    assert.equal(org.attachments!.length, 1, "the link unfurls again");
    for (let i = 1; i < BURST; i++)
      assert.equal((await query(olli, "myDialogues", "rajoitettu")).type, "result");
  });
});
