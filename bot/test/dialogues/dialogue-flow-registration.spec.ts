import assert from "node:assert/strict";
import { formulaCells, splitLikeExcel } from "../../testing/excel-csv";
import { waitFor } from "../../testing/outbox-fleet";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";
import {
  anna,
  ben,
  CHANNEL,
  kaisa,
  late,
  organiser,
  PUBLIC_URL,
  TEAMS_LINK,
  useDialogueFlow,
  type DialogueFlow,
} from "./dialogue-flow-setup";

/**
 * Registering for a published dialogue (seats, waitlist, per-user refresh, retries) and what the
 * registrations feed: the calendar file and the organiser's CSV export.
 */
describe("dialogues through /api/messages: registering, the calendar file and the export", function () {
  this.timeout(60_000);
  const flow = useDialogueFlow({ publish: true });
  let bot: DialogueFlow["bot"];
  let connector: DialogueFlow["connector"];
  let dialogueId = "";
  before(() => ({ bot, connector, dialogueId } = flow));
  const personalChat = (a: Actor) => flow.personalChat(a);
  const fetchPath = (url: string) => flow.fetchPath(url);

  it("registers three people in three languages: two seats, then the waitlist", async () => {
    // Anna (sv) from the channel: the form, a refusal without the ground rules, then success.
    const start = await bot.execute(
      anna,
      "registration.start",
      { dialogueId },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(start.card);
    assert.match(textOf(start.card), /Anmälan: Hallinnon/);
    assert.match(textOf(start.card), /Lyssna på andra/);
    const noRules = await bot.execute(
      anna,
      "registration.submit",
      { dialogueId, language: "sv", acceptRules: "false" },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(noRules.card);
    assert.match(textOf(noRules.card), /Godkänn spelreglerna/);
    const before = connector.calls.length;
    const ok = await bot.execute(
      anna,
      "registration.submit",
      {
        dialogueId,
        language: "sv",
        organisation: '=HYPERLINK("x")',
        background: "ngo",
        scribe: "true",
        acceptRules: "true",
      },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(ok.card);
    assert.match(textOf(ok.card), /Du är anmäld/);
    assert.ok(
      findAll(ok.card, "Action.OpenUrl").some((a) =>
        String(a.url).startsWith(`${PUBLIC_URL}/api/dialogues/${dialogueId}/calendar.ics`),
      ),
    );
    assert.ok(findAll(ok.card, "Action.OpenUrl").some((a) => a.url === TEAMS_LINK));
    // The confirmation reaches Anna personally through a chat created via the channel (it goes
    // through the outbox: wait for it).
    const annaConfirmation = () =>
      connector.calls.slice(before).find((c) => /Du är anmäld till/.test(String(c.body.text)));
    await waitFor("Anna's personal confirmation", () => !!annaConfirmation(), 15_000);
    valid(cardOf(annaConfirmation()!.body));

    const benOk = await bot.execute(ben, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(textOf(valid(benOk.card)), /You are registered/);
    await waitFor(
      "Ben's confirmation",
      () => bot.sentTo(personalChat(ben)).some((c) => /You are registered for/.test(String(c.body.text))),
      15_000,
    );

    const calls = connector.calls.length;
    const kaisaResult = await bot.execute(kaisa, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    assert.match(textOf(valid(kaisaResult.card)), /Olet jonossa/);
    await waitFor(
      "Kaisa's waitlist confirmation",
      () => bot.sentTo(personalChat(kaisa), calls).some((c) => /olet jonossa/.test(String(c.body.text))),
      15_000,
    );
  });

  it("the last seat taken updates the posted invitation to 'full'", async () => {
    const updates = bot.sentTo(CHANNEL).filter((c) => c.method === "PUT");
    assert.ok(updates.length >= 1, "expected the channel card to be updated");
    assert.match(textOf(cardOf(updates.at(-1)!.body)), /Täynnä/);
    assert.ok((cardOf(updates.at(-1)!.body).refresh as { userIds: string[] }).userIds.includes("29:aad-ben"));
  });

  it("each person's refresh shows their own state", async () => {
    const forBen = await bot.execute(ben, "dialogue.refresh", { dialogueId });
    assert.match(textOf(valid(forBen.card)), /You are registered/);
    const forLate = await bot.execute(late, "dialogue.refresh", { dialogueId });
    assert.match(textOf(valid(forLate.card)), /Paikat ovat täynnä/);
    assert.equal(executeAction(forLate.card, "registration.start")!.verb, "registration.start");
    const forOrganiser = await bot.execute(organiser, "dialogue.refresh", { dialogueId });
    assert.ok(executeAction(valid(forOrganiser.card), "dialogue.manage"));
  });

  it("a repeated submit (Teams retry, double click) is applied once", async () => {
    const again = await bot.execute(ben, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(textOf(again.card), /You are registered/);
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const text = textOf(valid(manage.card));
    assert.match(text, /2 \/ 2/);
    assert.match(text, /Jonossa\n1/);
  });

  it("serves the calendar file: UTC start of 9.00 Helsinki time and the Teams link", async () => {
    const forBen = await bot.execute(ben, "dialogue.refresh", { dialogueId });
    const url = String(
      findAll(forBen.card, "Action.OpenUrl").find((a) => String(a.url).includes("calendar.ics"))!.url,
    );
    const res = await fetchPath(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/calendar/);
    const ics = (await res.text()).replace(/\r?\n[ \t]/g, ""); // unfold lines (RFC 5545 §3.1)
    const field = (name: string) => new RegExp(`^${name}[;:](.*)$`, "m").exec(ics)?.[1];
    assert.equal(field("DTSTART"), "20300325T070000Z"); // 9.00 EET = 07:00 UTC
    assert.equal(field("DTEND"), "20300325T090000Z");
    assert.equal(field("UID"), `${dialogueId}@dialogi`);
    assert.ok(field("LOCATION")!.includes(TEAMS_LINK));
    assert.equal((await fetchPath(url.replace(/t=[^&]+/, "t=forged"))).status, 404);
  });

  it("exports registrants as formula-safe CSV from the organiser card's link", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const url = String(
      findAll(manage.card, "Action.OpenUrl").find((a) => String(a.url).includes("registrants.csv"))!.url,
    );
    const res = await fetchPath(url);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]); // UTF-8 BOM so Excel reads ä/ö/å
    // Issue #27.13: for the Finnish organiser, as Finnish Excel splits it (';', quotes): Finnish
    // headers and values, Helsinki time, no formula cell (#26.6).
    const rows = splitLikeExcel(bytes.toString("utf8"), ";");
    assert.deepEqual(rows[0]!.slice(0, 8), [
      "Nimi",
      "Tila",
      "Keskustelukieli",
      "Organisaatio",
      "Tausta",
      "Kirjuriksi",
      "Saavutettavuustarpeet",
      "Ilmoittautunut (Helsingin aikaa)",
    ]);
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    // Registered at 08:00 UTC on 1 March = 10:00 in Helsinki (UTC+2 in winter).
    assert.deepEqual(row("Anna Svensson").slice(0, 10), [
      ...["Anna Svensson", "Ilmoittautunut", "ruotsi", '\'=HYPERLINK("x")', "Järjestö", "kyllä"],
      ...["", "1.3.2030 10:00", "ei", ""],
    ]);
    assert.match(
      row("Anna Svensson")[11]!,
      /^Erätauon pelisäännöt \(nykyiset, 4 sääntöä\) \(ruotsi, [0-9a-f]{8}\)$/,
    );
    assert.deepEqual(row("Kaisa Kallio").slice(1, 3), ["Jonossa", "suomi"]);
    assert.deepEqual(formulaCells(rows), []);
    // The organiser is named by an opaque handle, and the handle is signed.
    assert.ok(!url.includes("aad-organiser"), url);
    assert.equal((await fetchPath(url.replace(/u=[^&]+/, "u=aad-ben"))).status, 404);
  });
});
