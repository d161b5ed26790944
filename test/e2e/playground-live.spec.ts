import assert from "node:assert/strict";
import type { Locator } from "playwright-core";
import type { TFunction } from "i18next";
import { translator, type Language } from "../../bot/src/platform/i18n/i18n";
import { SUMMARY_HEADINGS } from "../../bot/src/features/rounds/domain/summary/headings";
import { orderedSteps } from "../../bot/testing/steps";
import { cardOf, driver, textOf } from "../../bot/test/dialogues/conversation-helpers";
import { eventually, personalActivities, REGISTRANTS, tableRows } from "../../bot/test/rounds/helpers";
import { STEP_MS, usePlaygroundChat } from "./playground-harness";

const TITLE = "Living together";
const THEME = "What makes a neighbourhood feel safe?";
const MEETING_URL = "https://teams.microsoft.com/l/meetup-join/e2e-playground-live";
const NOTE = "People said that knowing the neighbours by name makes the street feel safe.";
const NOTE_THEME = "knowing the neighbours";
const NOTE_INSIGHT = "Street parties help people meet.";
/** Three Finnish registrants who talk to the bot through the connector recorder (not the Playground). */
const OTHERS = REGISTRANTS.filter((r) => r.language === "fi").slice(0, 3);

/**
 * The live facilitation path (#27 items 3 and 16) in the Microsoft 365 Agents Playground through
 * the real app: the Playground's user creates a Finnish dialogue (the form's default
 * date is a week ahead), registers, opens the facilitator controls, is asked once, in place,
 * before starting early, starts round 1 (their group card arrives in the chat; the three other
 * registrants' arrive at the recorder), then ends and summarises: the summary comes in the
 * language of the card they clicked, not the dialogue's language (Finnish).
 */
describe("live facilitation in the Microsoft 365 Agents Playground (headless Chromium)", function () {
  this.timeout(STEP_MS);
  const chat = usePlaygroundChat({ connector: true });
  const { cards, say, screenshot } = chat;
  let lang: Language;
  let tDialogue: TFunction;
  let tRounds: TFunction;
  let dialogueId = "";
  /** The card the facilitator works on (the organiser card, replaced in place by the controls). */
  let controlsIndex = -1;
  const step = orderedSteps();

  const button = (card: Locator, name: string) => card.getByRole("button", { name, exact: true });
  /** The dialogue's round state row (phase, running round). */
  const state = async () =>
    (await tableRows(chat.app, "Groups", dialogueId)).find((r) => r.rowKey === "state") ?? {};

  step("creates a Finnish dialogue from the Playground and registers for it", async () => {
    lang = (await chat.help()).lang;
    assert.notEqual(lang, "fi", "the walk needs a clicker whose language is not the dialogue's first");
    tDialogue = translator(lang, "dialogue");
    tRounds = translator(lang, "rounds");

    const before = await cards().count();
    await say(translator(lang, "bot")("commands.newDialogue.name"));
    const form = cards().nth(before);
    await form.getByText(tDialogue("form.newHeading"), { exact: true }).waitFor();
    for (const [field, value] of [
      ["title", TITLE],
      ["themes", THEME],
      ["meetingUrl", MEETING_URL],
    ] as const)
      await form.getByRole("textbox", { name: tDialogue(`form.${field}`), exact: true }).fill(value);
    // A Finnish dialogue (the form ticks the user's own language: swap it), clicked in English.
    const language = (l: Language) =>
      form.getByRole("checkbox", {
        name: `${tDialogue("form.languages")} ${tDialogue(`language.${l}`)}`,
        exact: true,
      });
    await language("fi").check();
    await language(lang).uncheck();
    await button(form, tDialogue("form.create")).click();
    const invitation = cards().nth(before + 1);
    await invitation.getByText(TITLE, { exact: true }).waitFor();
    controlsIndex = before;
    await cards().nth(controlsIndex).getByText(tDialogue("organiser.created"), { exact: true }).waitFor();

    const stored = (await storedDialogues()).find((d) => d.title === TITLE);
    assert.ok(stored, "the dialogue is stored");
    dialogueId = stored.id;
    assert.deepEqual(stored.languages, ["fi"], "a Finnish dialogue");

    await button(invitation, tDialogue("card.register")).click();
    await invitation.getByText(tDialogue("register.heading", { title: TITLE }), { exact: true }).waitFor();
    const rules = `${tDialogue("register.acceptRules")} ${tDialogue("register.acceptRulesTitle")}`;
    await invitation.getByRole("checkbox", { name: rules, exact: true }).check();
    // The only volunteer scribe: the Playground's user writes their group's notes.
    const scribe = `${tDialogue("register.scribe")} ${tDialogue("register.scribeTitle")}`;
    await invitation.getByRole("checkbox", { name: scribe, exact: true }).check();
    await button(invitation, tDialogue("register.submit")).click();
    await invitation.getByText(tDialogue("state.registered"), { exact: true }).waitFor();

    // Three more people register in Teams (through the connector recorder).
    const bot = driver(chat.app, chat.connector);
    const others = OTHERS.map((r) => ({ ...r, tenantId: stored.tenantId }));
    for (const r of others) {
      await bot.say(r, "help");
      const res = await bot.execute(r, "registration.submit", {
        dialogueId,
        language: "fi",
        organisation: r.organisation,
        background: "resident",
        scribe: "false",
        acceptRules: "true",
      });
      assert.ok(res.card, `${r.userName} registered: ${res.message}`);
    }
  });

  step("'Start the dialogue' a week early asks once, in place, and starts nothing", async () => {
    const card = cards().nth(controlsIndex);
    await button(card, tDialogue("organiser.facilitate")).click();
    await button(card, tRounds("controls.startDialogue")).click();
    // The question stands on the same card, under the button, with the scheduled day in it.
    await card.getByText(earlyQuestion("controls.earlyStartConfirm")).waitFor();
    assert.ok(await button(card, tRounds("controls.startEarly")).isVisible());
    await screenshot("playground-live-1-early-start-asked", card);
    assert.equal((await state()).phase ?? "notStarted", "notStarted", "nothing started unconfirmed");
  });

  step(
    "'Start round 1' a week early asks in place too; confirmed, round 1 starts and group cards arrive",
    async () => {
      const card = cards().nth(controlsIndex);
      await button(card, tRounds("controls.formGroups")).click();
      const startRound = button(card, tRounds("controls.startRound", { round: 1 }));
      await startRound.click();
      // The card refreshes into the question; the dialogue and the round wait for the answer.
      await card.getByText(earlyQuestion("controls.earlyRoundConfirm", { round: 1 })).waitFor();
      let st = await state();
      assert.equal(st.phase ?? "notStarted", "notStarted", "round 1 did not start the dialogue unasked");
      assert.notEqual(st.running, true, "no round runs");
      await screenshot("playground-live-2-early-round-asked", card);

      const before = await cards().count();
      await button(card, tRounds("controls.startEarly")).click();
      await card.getByText(tRounds("controls.notice.roundStarted", { round: 1 }), { exact: true }).waitFor();
      st = await state();
      assert.equal(st.phase, "started");
      assert.equal(st.running, true);
      assert.equal(
        await card.getByText(earlyQuestion("controls.earlyStartConfirm")).count(),
        0,
        "asked once",
      );

      // The Playground's user is a registrant: their group card arrives in this chat…
      const heading = new RegExp(`^${tRounds("group.heading", { round: 1, group: "\\d+" })}$`);
      const group = cards().filter({ has: chat.page.getByText(heading) });
      await group.first().waitFor();
      assert.ok((await cards().count()) > before);
      assert.ok(await group.first().getByText(tRounds("group.youAreScribe"), { exact: true }).isVisible());
      await screenshot("playground-live-3-group-card", group.first());
      // …and each other registrant's at the recorder, in Finnish.
      const fiHeading = new RegExp(translator("fi", "rounds")("group.heading", { round: 1, group: "\\d+" }));
      for (const r of OTHERS)
        await eventually(`${r.userName}'s group card`, () =>
          personalActivities(chat.connector, r.userId).some((a) => fiHeading.test(textOf(cardOf(a)))),
        );
    },
  );

  step("the scribe's notes card follows the group card and saves the group's notes", async () => {
    const notes = cards().filter({
      has: chat.page.getByText(new RegExp(`^${tRounds("notes.heading", { round: 1, group: "\\d+" })}$`)),
    });
    await notes.first().waitFor();
    const field = (key: string) => notes.first().getByRole("textbox", { name: tRounds(key), exact: true });
    await field("notes.text").fill(NOTE);
    await field("notes.themes").fill(NOTE_THEME);
    await field("notes.insights").fill(NOTE_INSIGHT);
    await button(notes.first(), tRounds("notes.save")).click();
    const saved = tRounds("notes.savedAt", { time: "\u0000" }).split("\u0000")[0]!;
    await notes.first().getByText(saved).waitFor();
  });

  step("'End and summarise' on the English card brings the summary in English", async () => {
    const card = cards().nth(controlsIndex);
    const before = await cards().count();
    await button(card, tRounds("controls.endDialogue")).click();
    await button(card, tRounds("controls.endDialogueConfirmButton")).click();
    await card.getByText(tRounds("controls.notice.ended"), { exact: true }).waitFor();
    const summary = cards()
      .filter({ hasText: tRounds("summary.heading", { title: TITLE }) })
      .last();
    await summary.waitFor();
    assert.ok((await cards().count()) > before, "the summary came as a new message");
    // The dialogue's language in words, in the clicker's language ("1 (Finnish)", not "1 (fi)").
    const finnishInWords = `1 (${SUMMARY_HEADINGS[lang].languageNames.fi})`;
    assert.ok(await summary.getByText(finnishInWords, { exact: true }).isVisible(), finnishInWords);
    assert.ok(
      await summary.getByText(tRounds("summary.sent", { title: TITLE }), { exact: true }).isVisible(),
    );
    assert.ok(await summary.getByText(tRounds("summary.participants"), { exact: true }).isVisible());
    assert.ok(await summary.getByText(NOTE_THEME, { exact: true }).isVisible(), "the scribe's theme");
    assert.ok(
      await summary.getByText(`- ${NOTE_INSIGHT}`, { exact: true }).isVisible(),
      "the scribe's insight",
    );
    const finnish = translator("fi", "rounds");
    assert.equal(await summary.getByText(finnish("summary.participants"), { exact: true }).count(), 0);
    await screenshot("playground-live-3-summary", summary);
  });

  /** The first sentence of an early-start question (the date in it is the dialogue's). */
  function earlyQuestion(key: string, values: Record<string, unknown> = {}) {
    return tRounds(key, { ...values, when: "\u0000" }).split("\u0000")[0]!;
  }

  /** The stored dialogues (their `meta` rows' JSON). */
  async function storedDialogues() {
    const rows: { id: string; title: string; languages: string[]; tenantId: string }[] = [];
    const filter = "RowKey eq 'meta'";
    for await (const e of chat.app.app.store.table("Dialogues").listEntities({ queryOptions: { filter } }))
      rows.push(JSON.parse(String(e.data)) as (typeof rows)[number]);
    return rows;
  }
});
