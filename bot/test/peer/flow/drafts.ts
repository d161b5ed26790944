import assert from "node:assert/strict";
import { executeAction, findAll, textOf, valid } from "../../dialogues/conversation-helpers";
import { cards, eventually, personalActivities, tableRows } from "../../rounds/helpers";
import { contact, coordinator, ORGS, registrants, staff, type OrgId, type PeerStory } from "./story";

/**
 * The dialogue is held in groups that mix organisations; its summary becomes a draft directory
 * entry that only the organisation's own staff decide on.
 */
export function draftsSteps(story: PeerStory): void {
  it("forms groups that mix organisations, holds a round with notes, and ends", async () => {
    story.clock = new Date("2030-03-25T07:25:00Z");
    const controls = (verb: string, data: Record<string, unknown> = {}) =>
      story.bot.execute(coordinator, verb, { dialogueId: story.dialogueId, ...data });
    valid((await controls("round.startDialogue")).card);
    const formed = await controls("round.form", { round: 1 });
    valid(formed.card, formed);
    const groups = (await tableRows(story.app, "Groups", story.dialogueId)).filter((r) =>
      /^r01-g/.test(String(r.rowKey)),
    );
    assert.ok(groups.length >= 2, "more than one group");
    for (const g of groups) {
      const members = JSON.parse(String(g.members)) as { organisation: string }[];
      const orgs = new Set(members.map((m) => m.organisation));
      assert.ok(orgs.size > 1, `group ${String(g.rowKey)} mixes organisations: ${[...orgs].join(", ")}`);
    }

    story.clock = new Date("2030-03-25T07:30:00Z");
    const mark = story.connector.calls.length;
    valid((await controls("round.start", { round: 1 })).card);
    const notesCards = new Map<string, Record<string, unknown>>();
    await eventually("notes cards", () => {
      for (const r of registrants) {
        const c = cards(personalActivities(story.connector, r.userId, mark)).find((x) =>
          executeAction(x, "notes.save"),
        );
        if (c) notesCards.set(r.userId, c);
      }
      return notesCards.size >= groups.length;
    });
    let n = 0;
    // A registrant's name in every note and insight: the drafts must carry the insight without it.
    const named = contact.vm.userName;
    for (const [userId, card] of notesCards) {
      const scribe = registrants.find((r) => r.userId === userId)!;
      const saved = await story.bot.execute(scribe, "notes.save", {
        ...executeAction(card, "notes.save")!.data,
        text: `Keskustelimme siitä, miten luottamus syntyy arjessa. ${named} kertoi esimerkin.`,
        themes: "luottamus, selkeä kieli",
        insights: `Oivallus ${++n}: ${named} sanoi, että avoimuus vahvistaa luottamusta`,
      });
      valid(saved.card, saved);
    }
    valid((await controls("round.end", { round: 1 })).card);
    const ended = await controls("round.endDialogue");
    valid(ended.card, ended);
  });

  /** Each organisation's draft card, as its staff received it. */

  const draftCards = new Map<OrgId, Record<string, unknown>>();

  it("sends each organisation's staff a draft entry made from the summary", async () => {
    for (const org of ORGS) {
      const card = await eventually(`draft for ${org}`, () =>
        cards(personalActivities(story.connector, staff[org].userId)).find((c) =>
          executeAction(c, "peer.draft.accept"),
        ),
      );
      const text = textOf(valid(card));
      assert.match(text, /Päivitä organisaatiosi hakemistomerkinnät/);
      assert.match(text, /luottamus/);
      assert.match(text, /avoimuus vahvistaa luottamusta/, "insights of the org's groups");
      assert.match(text, /\[nimi\] \[nimi\] sanoi, että avoimuus/, "the named insight, its name masked");
      for (const part of contact.vm.userName.split(" "))
        assert.doesNotMatch(text, new RegExp(`(?<!\\p{L})${part}(?!\\p{L})`, "u"), "a name in the draft");
      assert.ok(!registrants.some((r) => text.includes(r.userName)), "no registrant names in the draft");
      draftCards.set(org, card);
    }
    const drafts = await story.call(`/api/peer/${story.dialogueId}/drafts`, coordinator);
    assert.equal((drafts.body.items as unknown[]).length, 3);
    const ownOnly = await story.call(`/api/peer/${story.dialogueId}/drafts`, staff.syke);
    assert.deepEqual(
      (ownOnly.body.items as { orgId: string }[]).map((d) => d.orgId),
      ["syke"],
    );
  });

  it("staff decide only their own organisation's drafts: accept, edit, discard", async () => {
    const data = (org: OrgId, verb: string) => executeAction(draftCards.get(org)!, verb)!.data;
    const wrong = await story.bot.execute(staff.syke, "peer.draft.accept", data("vm", "peer.draft.accept"));
    assert.match(String(wrong.message), /Vain organisaation oma henkilöstö/);
    const outsider = await story.bot.execute(
      registrants[1]!,
      "peer.draft.discard",
      data("oph", "peer.draft.discard"),
    );
    assert.match(String(outsider.message), /Vain organisaation oma henkilöstö/);

    const accepted = await story.bot.execute(staff.vm, "peer.draft.accept", data("vm", "peer.draft.accept"));
    assert.match(textOf(valid(accepted.card, accepted)), /Veera Virkailija hyväksyi/);
    assert.ok(findAll(accepted.card, "Action.OpenUrl")[0]!.url, "link to the entry");
    const twice = await story.bot.execute(staff.vm, "peer.draft.discard", data("vm", "peer.draft.discard"));
    assert.match(String(twice.message), /on jo käsitelty/);

    const edited = await story.bot.execute(staff.syke, "peer.draft.edit", {
      ...data("syke", "peer.draft.edit"),
      title: "SYKE:n vertaisdialogi luottamuksesta",
      description: "Muokattu kuvaus.",
      themes: "luottamus\nympäristötieto",
    });
    assert.match(textOf(valid(edited.card, edited)), /muokkasi ja tallensi/);

    const discarded = await story.bot.execute(
      staff.oph,
      "peer.draft.discard",
      data("oph", "peer.draft.discard"),
    );
    assert.match(textOf(valid(discarded.card, discarded)), /hylkäsi luonnoksen/);
  });
}
