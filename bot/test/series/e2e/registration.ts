import assert from "node:assert/strict";
import { createDialogueRepository } from "../../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../../src/features/dialogues/store/registration-repository";
import { SSO_TENANT } from "../../../testing/sso";
import { executeAction, textOf, valid } from "../../dialogues/conversation-helpers";
import { reportedDialogueBody } from "../api-client";
import { coordinator, o2, o3, o4, type SeriesStory } from "./story";

/**
 * Registration: organisers enrol dialogues run with the bot (from the card) or reported only
 * (from the tab).
 */
export function registrationSteps(story: SeriesStory): void {
  it("registers a dialogue run with the bot from the card", async () => {
    // A dialogue created with the dialogues feature, organised by o2, with one registrant.
    const dialogues = createDialogueRepository(story.app.app.store.table("Dialogues"));
    const at = new Date(story.clock);
    await dialogues.create({
      id: "d-series2a",
      tenantId: SSO_TENANT,
      state: "open",
      version: 1,
      createdBy: { aadId: o2.userId, name: o2.name },
      organiserIds: [o2.userId],
      facilitators: [{ aadId: o2.userId, name: o2.name }],
      createdAt: at,
      updatedAt: at,
      title: "Luottamus verkossa",
      description: "",
      themes: [],
      start: new Date("2027-03-20T08:00:00Z"),
      end: new Date("2027-03-20T10:00:00Z"),
      deadline: new Date("2027-03-19T08:00:00Z"),
      mode: "remote",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/x",
      address: "",
      capacity: 20,
      languages: ["fi"],
      organisers: "Erätauko-säätiö",
      groundRules: "current4",
      agenda: [],
    });
    await createRegistrationRepository(story.app.app.store.table("Registrations")).register(
      {
        dialogueId: "d-series2a",
        userId: "aad-participant",
        name: "Pekka Pouta",
        uiLang: "fi",
        language: "fi",
        organisation: "",
        background: "",
        accessibility: "",
        scribe: false,
      },
      20,
      at,
    );
    const signup = await story.bot.execute(o2, "series.signup", { seriesId: story.seriesId });
    const form = valid(signup.card, signup);
    const submit = executeAction(form, "series.register")!;
    const inputs = {
      ...submit.data,
      kind: "bot",
      dialogueId: "d-series2a",
      organisation: "Erätauko-säätiö",
      date: "2027-03-20",
      mode: "remote",
      language: "fi",
      targetGroup: "Nuoret aikuiset",
      expectedParticipants: "15",
      region: "uusimaa",
      joinNetwork: "true",
    };
    const reg = await story.bot.execute(o2, "series.register", inputs);
    assert.match(textOf(valid(reg.card, reg)), /on ilmoitettu dialogisarjaan/);
    assert.equal(executeAction(reg.card, "series.register"), undefined, "the form is replaced");
    // The same card submitted twice registers once (issue #27 item 7).
    const again = await story.bot.execute(o2, "series.register", inputs);
    assert.match(textOf(valid(again.card, again)), /ilmoitettiin jo tästä lomakkeesta/);
    const mine = await story.api.get(o2, `/api/series/${story.seriesId}/dialogues`);
    assert.equal((mine.json.items as unknown[]).length, 1, JSON.stringify(mine.json));
  });

  it("refuses a bot dialogue id the organiser does not own, keeping the form", async () => {
    const res = await story.bot.execute(o3, "series.register", {
      seriesId: story.seriesId,
      kind: "bot",
      dialogueId: "d-series2a",
      organisation: "Kela",
      date: "2027-03-21",
      mode: "remote",
      language: "fi",
      expectedParticipants: "5",
      region: "uusimaa",
    });
    const card = valid(res.card, res);
    assert.match(textOf(card), /Dialogen hittades inte/);
    assert.equal(
      (card.body as { id?: string; value?: string }[]).find((i) => i.id === "organisation")?.value,
      "Kela",
    );
  });

  it("registers two reported-only dialogues from the tab", async () => {
    const r3 = await story.api.post(o3, `/api/series/${story.seriesId}/dialogues`, {
      kind: "reported",
      title: "Tillit i vardagen",
      organisation: "Kela",
      date: "2027-03-22",
      mode: "inPerson",
      language: "sv",
      targetGroup: "Seniorer",
      expectedParticipants: 20,
      region: "pohjanmaa",
    });
    assert.equal(r3.status, 201, JSON.stringify(r3.json));
    story.ids.o3 = (r3.json.dialogue as { id: string }).id;
    const r4 = await story.api.post(o4, `/api/series/${story.seriesId}/dialogues`, reportedDialogueBody());
    assert.equal(r4.status, 201);
    story.ids.o4 = (r4.json.dialogue as { id: string }).id;
    // Each organiser sees only their own dialogues.
    const mine = await story.api.get(o3, `/api/series/${story.seriesId}/dialogues`);
    assert.deepEqual(
      (mine.json.items as { id: string }[]).map((d) => d.id),
      [story.ids.o3],
    );
    const all = await story.api.get(coordinator, `/api/series/${story.seriesId}/dialogues`);
    assert.equal((all.json.items as unknown[]).length, 3);
    story.ids.o2 = (all.json.items as { id: string; kind: string }[]).find((d) => d.kind === "bot")!.id;
  });
}
