import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { METHOD_TEMPLATES, methodAgenda } from "../../src/features/dialogues/domain/methods";
import { SSO_TENANT, startSsoAuthority, type SsoAuthority } from "../../testing/sso";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

// The home tenant: the one whose directory is seeded (the peer form offers its organisations).
const fi: Actor = {
  userId: "aad-forms-coordinator",
  userName: "Kaisa Koordinaattori",
  locale: "fi-FI",
  tenantId: SSO_TENANT,
};
const sv: Actor = { ...fi, locale: "sv-FI" };
const en: Actor = { ...fi, locale: "en-GB" };
const CHANNEL = { conversationType: "channel" as const, conversationId: "19:forms@thread.tacv2" };

type Element = Record<string, unknown>;

/** The element right after the input with `id`, in whatever list (body, items) holds it. */
function afterInput(card: unknown, id: string): Element | undefined {
  let found: Element | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) {
      node.forEach((el, i) => {
        if ((el as Element)?.id === id && String((el as Element).type).startsWith("Input."))
          found = node[i + 1];
      });
      node.forEach(visit);
    } else if (node && typeof node === "object") Object.values(node).forEach(visit);
  };
  visit(card);
  return found;
}

/** Asserts the message under input `id`: an attention-coloured TextBlock matching `text`. */
function errorUnder(card: unknown, id: string, text: RegExp): void {
  const el = afterInput(card, id);
  assert.equal(el?.type, "TextBlock", `a message under ${id}`);
  assert.equal(el?.color, "Attention");
  assert.match(String(el?.text), text);
}

/**
 * Asserts the error summary also stands as the last element of the body, right above the
 * buttons where the reader is after a submit (issue #27 item 14), with the top summary's text.
 */
function summaryAtButton(card: Record<string, unknown>, text: RegExp): void {
  const body = card.body as Element[];
  const last = body.at(-1)!;
  assert.equal(last.id, "errorSummaryEnd", "the summary is next to the button");
  assert.match(JSON.stringify(last), text);
  assert.deepEqual(
    JSON.stringify({ ...last, id: "", spacing: "" }),
    JSON.stringify({ ...body.find((e) => e.id === "errorSummary")!, id: "", spacing: "" }),
  );
}

const input = (card: unknown, id: string) =>
  findAll(card, "Input.Text")
    .concat(findAll(card, "Input.Number"), findAll(card, "Input.ChoiceSet"))
    .find((i) => i.id === id);

describe("card forms show each error next to its field, with required marks and valid defaults (fi/sv/en)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  let sso: SsoAuthority;

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: { ...sso.env, COORDINATORS: fi.userId, LOG_LEVEL: "error" },
      overrides: { now: () => new Date("2030-03-01T08:00:00Z") },
    });
    bot = driver(app, connector);
    await bot.say(fi, "help");
  });
  after(async () => {
    await app?.close();
    await sso?.close();
    await connector?.close();
  });

  it("dialogue form: a server-found error sits under its input as well as in the summary", async () => {
    for (const [who, command, message] of [
      [fi, "uusi dialogi", /päättymisajan pitää olla alkamisajan jälkeen/],
      [sv, "ny dialog", /sluttiden måste vara efter starttiden/i],
      [en, "new dialogue", /the end must be after the start/i],
    ] as const) {
      const [form] = await bot.say(who, command);
      const submit = executeAction(valid(cardOf(form)), "dialogue.create")!;
      const { card } = await bot.execute(who, "dialogue.create", {
        ...submit.data,
        title: "Lomakekoe",
        themes: "Kysymys?",
        date: "2030-03-25",
        startTime: "10:00",
        endTime: "09:00",
        mode: "inPerson",
        address: "Snellmaninkatu 1",
        capacity: "10",
        languages: "fi",
        groundRules: "current4",
      });
      valid(card);
      errorUnder(card, "endTime", message);
      summaryAtButton(card!, message);
      assert.equal(input(card, "capacity")?.isRequired, true);
      assert.ok(input(card, "capacity")?.errorMessage);
    }
  });

  it("series form: invitations are marked required for the chosen languages; a missing one is flagged under it", async () => {
    for (const [who, command, mark, required] of [
      [fi, "uusi dialogisarja", /pakollinen, jos ruotsi on valittu/, /Pakollinen tieto/],
      [sv, "ny dialogserie", /obligatorisk om svenska har valts/, /Obligatoriskt/],
      [en, "new series", /required if Swedish is one of the chosen languages/, /Required/],
    ] as const) {
      const [sent] = await bot.say(who, command);
      const form = valid(cardOf(sent));
      assert.match(String(input(form, "invitationSv")?.label), mark);
      const { card } = await bot.execute(who, "series.create", {
        theme: "Lomakekoe",
        question: "Mikä toimii?",
        periodStart: "2030-04-01",
        periodEnd: "2030-05-31",
        registrationDeadline: "2030-04-15",
        recordsDeadline: "2030-06-15",
        languages: "fi,sv",
        invitationFi: "Tervetuloa.",
      });
      valid(card);
      errorUnder(card, "invitationSv", required);
      summaryAtButton(card!, /./);
      assert.equal(afterInput(card, "invitationFi")?.color, undefined, "no message under a filled field");
    }
  });

  it("series enrol form: each refused field shows its message under the input, in fi/sv/en", async () => {
    const created = await bot.execute(fi, "series.create", {
      theme: "Ilmoittautumiskoe",
      question: "Mikä toimii?",
      periodStart: "2030-04-01",
      periodEnd: "2030-05-31",
      registrationDeadline: "2030-04-15",
      recordsDeadline: "2030-06-15",
      languages: "fi",
      invitationFi: "Tervetuloa.",
    });
    assert.match(textOf(valid(created.card, created)), /Ilmoittautumiskoe/);
    const [announced] = await bot.say(fi, "<at>Dialogi</at> julkaise dialogisarja", CHANNEL);
    const seriesId = JSON.stringify(announced).match(/"seriesId":"([^"]+)"/)?.[1];
    assert.ok(seriesId, `the series' signup card: ${JSON.stringify(announced).slice(0, 300)}`);
    for (const [who, range, outside, notFound] of [
      [fi, /kokonaisluku/, /dialogisarjan aikana/, /Dialogia ei löytynyt/],
      [sv, /heltal/i, /under dialogserien|perioden/i, /hittades inte|Dialogen/i],
      [en, /whole number|integer/i, /during the dialogue series|period/i, /not found/i],
    ] as const) {
      const { card } = await bot.execute(who, "series.register", {
        seriesId,
        kind: "reported",
        title: "Kokeiludialogi",
        organisation: "Kokeilujärjestö",
        date: "2031-01-01",
        mode: "inPerson",
        language: "fi",
        region: "uusimaa",
        expectedParticipants: "-3",
      });
      valid(card);
      errorUnder(card, "date", outside);
      errorUnder(card, "expectedParticipants", range);
      assert.equal(afterInput(card, "title")?.color, undefined, "no message under a valid field");
      const bot2 = await bot.execute(who, "series.register", {
        seriesId,
        kind: "bot",
        dialogueId: "d-zzzzzzzz",
        title: "Kokeiludialogi",
        organisation: "Kokeilujärjestö",
        expectedParticipants: "12",
        date: "2030-04-10",
        mode: "inPerson",
        language: "fi",
        region: "uusimaa",
      });
      assert.ok(bot2.card, JSON.stringify(bot2).slice(0, 400));
      errorUnder(valid(bot2.card, bot2), "dialogueId", notFound);
    }
  });

  it("peer form: seats default to the method's; a missing contact is flagged in its own row; an empty extra row is fine", async () => {
    for (const [who, message, command] of [
      [fi, /Anna kullekin organisaatiolle yhteyshenkilön nimi/, "vertaisdialogi"],
      [sv, /namn/i, "kamratdialog"],
      [en, /name/i, "peer dialogue"],
    ] as const) {
      const [sent] = await bot.say(who, command, CHANNEL);
      const form = valid(cardOf(sent));
      const capacity = input(form, "capacity")!;
      assert.ok(Number(capacity.value) > 0, `seats default ${String(capacity.value)}`);
      assert.equal(capacity.isRequired, true);
      const submit = executeAction(form, "peer.schedule")!;
      // Row 1 left empty; rows 2 and 4 chosen; row 4's contact missing: the message is under row 4.
      const { card } = await bot.execute(
        who,
        "peer.schedule",
        {
          ...submit.data,
          method: "dialogue",
          theme: "Lomakekoe",
          date: "2030-03-25",
          startTime: "09:00",
          endTime: "11:00",
          mode: "remote",
          capacity: String(capacity.value),
          languages: "fi",
          org2: "vm",
          contactName2: "Ville Virkamies",
          contactId2: "ville@vm.example",
          org4: "om",
        },
        CHANNEL,
      );
      valid(card);
      errorUnder(card, "contactName4", message);
      assert.equal(afterInput(card, "contactName2")?.color, undefined);
    }
  });

  it("the dialogue form shows the programme a method template will publish (issue #27 item 11)", async () => {
    for (const [who, command, lang] of [
      [fi, "uusi dialogi", "fi"],
      [en, "new dialogue", "en"],
    ] as const) {
      const [sent] = await bot.say(who, command);
      const form = valid(cardOf(sent));
      const guides = findAll(form, "FactSet").find((f) => f.id === "methodGuides")!;
      const jury = (guides.facts as { title: string; value: string }[]).find(
        (f) => f.title === METHOD_TEMPLATES.citizensJury.name[lang],
      )!;
      // The form's times (09:00–11:00 by default), as publishing uses them.
      for (const item of methodAgenda("citizensJury", 9 * 60, 11 * 60, lang))
        assert.ok(jury.value.includes(item.title), `${lang}: ${item.title} in ${jury.value}`);
    }
  });
});
