import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid } from "../../dialogues/conversation-helpers";
import { personalActivities, tableRows } from "../../rounds/helpers";
import { CHANNEL, contact, coordinator, inChannel, ORGS, registrants, staff, type PeerStory } from "./story";

/** The schedule form's inputs as Teams merges them into the Action.Execute data. */
const scheduleInputs = () => ({
  method: "dialogue",
  level: "",
  theme: "Luottamus ja avoin hallinto",
  description: "Ministeriöiden ja virastojen vertaisdialogi.",
  questions: "Milloin luottamus syntyy?",
  date: "2030-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_peer%40thread.v2/0",
  languages: "fi",
  ...Object.fromEntries(
    ORGS.flatMap((org, i) => [
      [`org${i + 1}`, org],
      [`contactName${i + 1}`, contact[org].userName],
      [`contactId${i + 1}`, contact[org].userId],
    ]),
  ),
});

/**
 * Scheduling and registration: only coordinators schedule; contacts are invited personally;
 * registrants pick their organisation.
 */
export function schedulingSteps(story: PeerStory): void {
  it("refuses scheduling to others than coordinators (bot and API), translated", async () => {
    const [reply] = await story.bot.say(staff.vm, "vertaisdialogi", inChannel);
    assert.match(String(reply!.text), /Vain dialogiverkoston koordinaattorit/);
    const forged = await story.bot.execute(
      staff.vm,
      "peer.schedule",
      { nonce: "0f0e0d0c-0b0a-4909-8807-060504030201", ...scheduleInputs() },
      inChannel,
    );
    assert.match(String(forged.message), /Vain dialogiverkoston koordinaattorit/);
    const api = await story.call("/api/peer", staff.vm, { method: "POST", body: { theme: "x" } });
    assert.equal(api.status, 403);
    assert.equal(api.body.error, "notCoordinator");
    assert.match(String(api.body.message), /koordinaattorit/);
  });

  it("a coordinator schedules in the network channel: invitation posted there, contacts invited personally", async () => {
    const [formActivity] = await story.bot.say(coordinator, "vertaisdialogi", inChannel);
    const form = valid(cardOf(formActivity));
    const orgChoices = findAll(form, "Input.ChoiceSet").find((i) => i.id === "org1")!;
    assert.ok((orgChoices.choices as { value: string }[]).some((c) => c.value === "syke"));
    const submit = executeAction(form, "peer.schedule")!;
    // In English, the organisations are listed by their English names (issue #27 item 16).
    const [enForm] = await story.bot.say({ ...coordinator, locale: "en-US" }, "peer dialogue", inChannel);
    const enTitles = (
      findAll(valid(cardOf(enForm)), "Input.ChoiceSet").find((i) => i.id === "org1")!.choices as {
        title: string;
      }[]
    ).map((c) => c.title);
    assert.deepEqual(
      enTitles,
      [...enTitles].sort((a, b) => a.localeCompare(b, "en")),
      enTitles.join(" | "),
    );

    const bad = await story.bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs(), org2: "", org3: "" },
      inChannel,
    );
    assert.match(textOf(valid(bad.card, bad)), /Valitse vähintään 2 organisaatiota/);

    const mark = story.connector.calls.length;
    const done = await story.bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs() },
      inChannel,
    );
    const card = valid(done.card, done);
    assert.match(textOf(card), /tavoitettiin henkilökohtaisesti: 3, ei tavoitettu: 0/);
    story.dialogueId = String(executeAction(card, "peer.registrations")!.data.dialogueId);
    assert.match(story.dialogueId, /^d-/);

    // An English reader sees the organisers by their English names (issue #27 item 16).
    const orgs = await story.call("/api/directory/organisations", coordinator);
    const enNames = new Map(
      (orgs.body.items as { id: string; names: { fi: string; en?: string } }[]).map((o) => [o.id, o.names]),
    );
    const reader = { ...coordinator, userId: "aad-english-reader", userName: "Erin Reader", locale: "en-US" };
    const seen = await story.bot.execute(reader, "dialogue.refresh", { dialogueId: story.dialogueId });
    const seenText = textOf(valid(seen.card, seen));
    for (const org of ORGS) {
      const names = enNames.get(org)!;
      if (names.en && names.en !== names.fi) {
        assert.ok(seenText.includes(names.en), `${names.en} in ${seenText}`);
        assert.ok(!seenText.includes(names.fi), `no Finnish ${names.fi}`);
      }
    }
    assert.ok(
      ORGS.some((o) => enNames.get(o)!.en && enNames.get(o)!.en !== enNames.get(o)!.fi),
      "the check compares something",
    );

    const posted = story.bot.sentTo(CHANNEL, mark).filter((c) => c.method === "POST");
    assert.ok(
      posted.some((c) => executeAction(cardOf(c.body), "registration.start")),
      "invitation in the channel",
    );
    for (const org of ORGS) {
      const mine = personalActivities(story.connector, contact[org].userId, mark);
      assert.ok(
        mine.some(
          (a) =>
            String(a.text).includes(story.names.get(org)!) && executeAction(cardOf(a), "registration.start"),
        ),
        `${org} contact invited`,
      );
    }
    const again = await story.bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs() },
      inChannel,
    );
    assert.match(textOf(valid(again.card, again)), /Lomake oli jo lähetetty/);
    const rows = await tableRows(story.app, "Dialogues", story.dialogueId);
    const stored = JSON.parse(String(rows.find((r) => r.rowKey === "meta")!.data));
    assert.equal(stored.type, "peer");
    assert.deepEqual(
      stored.organisations.map((o: { id: string }) => o.id),
      [...ORGS],
    );
    assert.equal(stored.grouping.policies.org, "diversify");
  });

  it("registrants pick their organisation; coordinators see registrations per organisation", async () => {
    const start = await story.bot.execute(registrants[0]!, "registration.start", {
      dialogueId: story.dialogueId,
    });
    const orgInput = findAll(valid(start.card, start), "Input.ChoiceSet").find(
      (i) => i.id === "organisation",
    )!;
    assert.deepEqual(
      (orgInput.choices as { value: string }[]).map((c) => c.value),
      ORGS.map((o) => story.names.get(o)!).sort(new Intl.Collator("fi").compare),
    );
    // English and Swedish registrants see the organisations by their own names, in their order;
    // the value stays the name registrations are matched on (issue #27 item 16).
    const dir = await story.call("/api/directory/organisations", coordinator);
    const names = new Map(
      (dir.body.items as { id: string; names: { fi: string; sv?: string; en?: string } }[]).map((o) => [
        o.id,
        o.names,
      ]),
    );
    for (const lang of ["en", "sv"] as const) {
      const reader = { ...registrants[1]!, locale: lang === "en" ? "en-US" : "sv-SE" };
      const form = await story.bot.execute(reader, "registration.start", { dialogueId: story.dialogueId });
      const choices = findAll(valid(form.card, form), "Input.ChoiceSet").find((i) => i.id === "organisation")!
        .choices as { title: string; value: string }[];
      const expected = ORGS.map((o) => ({
        title: names.get(o)![lang] || names.get(o)!.fi,
        value: story.names.get(o)!,
      })).sort((a, b) => new Intl.Collator(lang).compare(a.title, b.title));
      assert.deepEqual(choices, expected, lang);
      assert.ok(
        expected.some((c) => c.title !== c.value),
        "the check compares something",
      );
    }
    for (const r of registrants) {
      const res = await story.bot.execute(r, "registration.submit", {
        dialogueId: story.dialogueId,
        language: "fi",
        organisation: story.names.get(r.org),
        scribe: String(r.userId.endsWith("-2")),
        acceptRules: "true",
      });
      valid(res.card, res);
    }
    const byOrg = await story.call(`/api/peer/${story.dialogueId}/registrations-by-org`, coordinator);
    assert.equal(byOrg.status, 200);
    const orgs = byOrg.body.organisations as {
      orgId: string;
      confirmed: unknown[];
      contactsRegistered: number;
    }[];
    assert.deepEqual(
      orgs.map((o) => [o.orgId, o.confirmed.length, o.contactsRegistered]),
      ORGS.map((o) => [o, 3, 1]),
    );
    const refused = await story.call(`/api/peer/${story.dialogueId}/registrations-by-org`, staff.vm);
    assert.equal(refused.status, 403);
    const refresh = await story.bot.execute(staff.vm, "peer.registrations", { dialogueId: story.dialogueId });
    assert.match(String(refresh.message), /Vain dialogiverkoston koordinaattorit/);
    const mine = await story.bot.execute(coordinator, "peer.registrations", { dialogueId: story.dialogueId });
    assert.match(textOf(valid(mine.card, mine)), /3 ilmoittautunutta · yhteyshenkilö ilmoittautunut: 1/);
    assert.match(textOf(mine.card), /Valtiovarainministeriö/);
    // In Swedish and English the card names the organisations as the directory does in them.
    for (const [locale, names] of [
      ["sv-FI", /Finansministeriet[\s\S]*Finlands miljöcentral[\s\S]*Utbildningsstyrelsen/],
      ["en-GB", /Ministry of Finance[\s\S]*Finnish Environment Institute[\s\S]*Finnish National Agency/],
    ] as const) {
      const card = await story.bot.execute({ ...coordinator, locale }, "peer.registrations", {
        dialogueId: story.dialogueId,
      });
      assert.match(textOf(valid(card.card, card)), names, locale);
    }
  });
}
