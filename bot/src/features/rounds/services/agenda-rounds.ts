import { utcToHelsinki } from "../../../platform/time/helsinki-time";
import type { Dialogue } from "../../dialogues";

/** Length of a round when the agenda marks no breakout items (or gives no usable length). */
export const DEFAULT_ROUND_MINUTES = 30;
/** Shortest and longest round we time (a typo in the agenda must not give a 0- or 10-hour round). */
const MIN_ROUND_MINUTES = 5;
const MAX_ROUND_MINUTES = 240;

/** One timed round from the agenda. */
export interface AgendaRound {
  /** 1-based round number. */
  round: number;
  title: string;
  /** How long the round lasts once started. */
  minutes: number;
}

/**
 * The rounds of a dialogue: its agenda items marked as breakout, each lasting until the next
 * agenda item (the last one until the dialogue's end). Rounds are timed from when the facilitator
 * starts them, so a late start does not shorten the talk. Without breakout items: one round.
 */
export function agendaRounds(d: Pick<Dialogue, "agenda" | "end">): AgendaRound[] {
  const endMin = utcToHelsinki(d.end).minutes;
  const rounds: AgendaRound[] = [];
  d.agenda.forEach((item, i) => {
    if (!item.breakout) return;
    const next = d.agenda[i + 1]?.minutes ?? endMin;
    const span = next - item.minutes;
    const minutes =
      span > 0 ? Math.min(MAX_ROUND_MINUTES, Math.max(MIN_ROUND_MINUTES, span)) : DEFAULT_ROUND_MINUTES;
    rounds.push({ round: rounds.length + 1, title: item.title, minutes });
  });
  return rounds.length ? rounds : [{ round: 1, title: "", minutes: DEFAULT_ROUND_MINUTES }];
}

/** The theme question of a round: the dialogue's questions in turn. */
export function roundTheme(d: Pick<Dialogue, "themes">, round: number): string {
  if (!d.themes.length) return "";
  return d.themes[(round - 1) % d.themes.length] ?? "";
}
