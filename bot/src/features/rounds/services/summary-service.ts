import { CardFactory } from "botbuilder";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue } from "../../dialogues";
import { buildSummary, type Summary, type SummaryInput } from "../domain/summary";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { sendEach } from "./fan-out";
import type { SummaryFormat } from "./links";
import type { Caller } from "./run-service";
import { renderSummary, type RenderedSummary } from "./summary-render";
import { roundsT } from "./texts";
import { summaryCard } from "../cards/summary-card";

/** The dialogue's language: the first it is held in (content language of the summary). */
const dialogueLanguage = (d: Dialogue): Language => d.languages[0] ?? "fi";

/**
 * The summary of an ended dialogue, built on demand from the tables (groups of the rounds held,
 * notes, registrants) by the pure `domain/summary`; nothing derived is stored, so a late edit
 * of a registration is reflected and the masking is re-applied.
 */
export function createDialogueSummaryService(rc: RoundsContext) {
  async function build(d: Dialogue): Promise<Summary> {
    const [state, groups, notes, registrations] = await Promise.all([
      rc.groups.getState(d.id),
      rc.groups.listAll(d.id),
      rc.notes.list(d.id),
      rc.registrations.active(d.id),
    ]);
    const held = state?.round ?? 0;
    const titles = agendaRounds(d);
    const input: SummaryInput = {
      dialogue: {
        title: d.title,
        language: dialogueLanguage(d),
        date: d.start,
        groundRulesVersion: d.groundRules,
      },
      registrants: registrations.map((r) => {
        const [firstName = "", ...rest] = r.name.trim().split(/\s+/);
        return {
          id: r.userId,
          firstName,
          lastName: rest.join(" ") || undefined,
          displayName: r.name,
          attributes: { org: r.organisation || undefined, language: r.language },
          groundRulesVersion: r.groundRulesVersion,
        };
      }),
      rounds: Array.from({ length: held }, (_, i) => ({
        index: i + 1,
        title: titles[i]?.title ?? "",
        groups: groups
          .filter((g) => g.round === i + 1)
          .map((g) => ({ number: g.group, memberIds: g.members.map((m) => m.userId) })),
      })),
      notes: notes
        .filter((n) => n.round <= held)
        .map((n) => ({
          round: n.round,
          group: n.group,
          text: n.text,
          themes: n.themes,
          insights: n.insights,
          savedAt: n.savedAt,
        })),
    };
    return buildSummary(input);
  }

  async function ended(d: Dialogue): Promise<void> {
    const state = await rc.groups.getState(d.id);
    if (state?.phase !== "ended") throw new RoundError("notEnded");
  }

  return {
    /** The summary model (for follow-ups such as peer dialogues' directory drafts). */
    build,

    /** Sends the summary card to every organiser (personal chat, the dialogue's language). */
    async deliver(d: Dialogue, by?: { userId: string | undefined; lang: Language }): Promise<void> {
      const summary = await build(d);
      // One summary per end of the dialogue: a second "end" (or a retried request) finds its rows.
      const endedAt = (await rc.groups.getState(d.id))?.endedAt;
      const key = `summary|${endedAt?.toISOString() ?? "notEnded"}`;
      // The one who ended it gets it in the language of the card they clicked; the others in the dialogue's.
      const langOf = (userId: string) => (by && userId === by.userId ? by.lang : dialogueLanguage(d));
      const result = await sendEach(rc, d.id, { key, label: "summary" }, d.organiserIds, (userId) => {
        const lang = langOf(userId);
        return [
          {
            type: "message",
            attachments: [
              CardFactory.adaptiveCard(
                summaryCard(
                  lang,
                  summary,
                  (f) => rc.links.summaryUrl(d.id, f, userId, lang),
                  roundsT(lang)("summary.sent", { title: d.title }),
                ),
              ),
            ],
          },
        ];
      });
      rc.logger.info("summary delivered", { dialogueId: d.id, ...result });
    },

    /** The summary card for a facilitator or organiser, after the end, in their language. */
    async cardFor(dialogueId: unknown, caller: Caller, lang: Language): Promise<Record<string, unknown>> {
      const d = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      await ended(d);
      return summaryCard(lang, await build(d), (f) =>
        rc.links.summaryUrl(d.id, f, caller.userId ?? "", lang),
      );
    },

    /** A download (after the end): content in the dialogue's language, headings in `lang`. */
    async export(
      dialogueId: string,
      format: SummaryFormat,
      lang: Language,
    ): Promise<RenderedSummary | undefined> {
      const d = await rc.dialogues.load(dialogueId);
      if (!d) return undefined;
      const state = await rc.groups.getState(d.id);
      if (state?.phase !== "ended") return undefined;
      return renderSummary(await build(d), format, lang, d.id);
    },
  };
}

/** The summary service type. */
export type DialogueSummaryService = ReturnType<typeof createDialogueSummaryService>;
