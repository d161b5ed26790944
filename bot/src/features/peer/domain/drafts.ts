import { utcToHelsinki } from "../../../platform/time/helsinki-time";
import type { Summary } from "../../rounds";
import { orgDisplayName, type DraftEntry, type PeerDialogue } from "./types";

/** Most themes and insights a draft carries (the directory allows 30 list items; cards stay readable). */
export const MAX_DRAFT_THEMES = 8;
export const MAX_DRAFT_INSIGHTS = 6;

/** A breakout group and the organisation names of its members (from the stored groups). */
export interface GroupOrganisations {
  round: number;
  group: number;
  organisations: string[];
}

/** The translated texts a draft needs, in the dialogue's language. */
export interface DraftTexts {
  title(theme: string): string;
  description(input: { theme: string; partners: string[]; participants: number; insights: string[] }): string;
}

const norm = (s: string) => s.trim().toLocaleLowerCase("fi");

/**
 * One draft directory entry per participating organisation, from the (anonymised) summary: the
 * themes of the whole dialogue, and the insights of the groups in which people of that
 * organisation talked — so each organisation gets what its own people were part of.
 */
export function makeDrafts(
  peer: PeerDialogue,
  summary: Summary,
  groups: readonly GroupOrganisations[],
  texts: DraftTexts,
): DraftEntry[] {
  const themes = summary.themes.slice(0, MAX_DRAFT_THEMES).map((t) => t.theme);
  return peer.organisations.map((org) => {
    const mine = new Set(
      groups
        .filter((g) => g.organisations.some((name) => norm(name) === norm(org.name)))
        .map((g) => `${g.round}/${g.group}`),
    );
    const insights = [
      ...new Set(
        summary.insights
          .filter((i) => mine.has(`${i.round}/${i.group}`))
          .map((i) => i.text.trim())
          .filter(Boolean),
      ),
    ].slice(0, MAX_DRAFT_INSIGHTS);
    // Named in the draft's language (the dialogue's), as its text is: not Finnish names in an English entry.
    const partners = peer.organisations
      .filter((o) => o.orgId !== org.orgId)
      .map((o) => orgDisplayName(o, peer.language));
    return {
      dialogueId: peer.dialogueId,
      orgId: org.orgId,
      title: texts.title(peer.theme).slice(0, 200),
      description: texts
        .description({ theme: peer.theme, partners, participants: summary.counts.participants, insights })
        .slice(0, 4000),
      themes: themes.map((t) => t.slice(0, 120)),
      insights,
      partners: partners.map((p) => p.slice(0, 120)),
      date: utcToHelsinki(new Date(peer.start)).date,
      method: peer.method,
      level: peer.level,
      status: "open",
    };
  });
}
