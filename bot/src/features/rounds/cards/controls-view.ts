import type { Language } from "../../../platform/i18n/i18n";
import type { RoundsContext } from "../services/context";
import { dialogueT, whenText } from "../../dialogues";
import { describePlan } from "../services/plan";
import { startsEarly } from "../services/run-service";
import type { RunResult } from "../services/run-service";
import { roundsT, timeText } from "../services/texts";
import { controlsCard, type ControlsExtras } from "./controls-card";
import { previewLines } from "./attendance-preview";
import type { AttendanceConfirm } from "../services/attendance-service";
import { dissolveGroup, smallGroups } from "../domain/grouping/attendance-change";

/**
 * The controls card after an operation: the proposal for the next round (read from the table,
 * since it may still change) while no round runs, else the current round's groups.
 */
export async function controlsView(
  rc: RoundsContext,
  lang: Language,
  userId: string,
  result: RunResult & { confirm?: AttendanceConfirm },
): Promise<Record<string, unknown>> {
  const { dialogue, state } = result;
  const t = roundsT(lang);
  const next = state.round + 1;
  const counts = await rc.registrations.counts(dialogue.id);
  const extras: ControlsExtras = { confirmed: counts.confirmed };
  if (dialogue.mode !== "inPerson") extras.roomLinks = await rc.rooms.stored(dialogue.id);
  if (state.phase === "notStarted" && startsEarly(dialogue, rc.now()))
    extras.earlyStartText = t("controls.earlyStartConfirm", { when: whenText(dialogueT(lang), dialogue) });
  if (result.ask && state.phase === "notStarted") {
    const when = whenText(dialogueT(lang), dialogue);
    const { verb, round } = result.ask;
    extras.earlyAsk = {
      verb,
      round,
      text: round
        ? t("controls.earlyRoundConfirm", { when, round })
        : t("controls.earlyStartConfirm", { when }),
    };
  }
  if (state.phase !== "ended" && !state.running && state.formedRounds >= next) {
    const [list, stored] = await Promise.all([
      rc.groups.listRound(dialogue.id, next),
      rc.plans.get(dialogue.id),
    ]);
    extras.groups = { round: next, proposal: true, list };
    if (stored) {
      const described = describePlan(lang, stored.plan, stored.warnings, next);
      extras.quality = described.quality;
      extras.warnings = described.warnings;
    }
    extras.csvUrl = rc.links.groupsCsvUrl(dialogue.id, next, userId, lang);
  } else if (state.round > 0) {
    const list = [...(await rc.cache.round(dialogue.id, state.round)).values()];
    extras.groups = { round: state.round, proposal: false, list };
    const stored = state.running && state.phase !== "ended" ? await rc.plans.get(dialogue.id) : undefined;
    if (stored)
      extras.smallGroups = smallGroups(stored.plan, state.round).map((g) => ({
        group: g.number,
        size: g.memberIds.length,
        minSize: stored.plan.options.minSize,
        canMove: !dissolveGroup(stored.plan, state.round, g.number).refused,
      }));
    extras.csvUrl = rc.links.groupsCsvUrl(dialogue.id, state.round, userId, lang);
  }
  if (extras.groups && state.phase !== "ended") {
    const inGroups = new Set(extras.groups.list.flatMap((g) => g.members.map((m) => m.userId)));
    extras.outside = (await rc.registrations.confirmed(dialogue.id))
      .filter((r) => !inGroups.has(r.userId))
      .map((r) => ({ userId: r.userId, name: r.name }));
  }
  if (result.confirm)
    extras.confirm = {
      lines: previewLines(lang, result.confirm.preview),
      verb: result.confirm.verb,
      data: result.confirm.data,
    };
  if (result.notice) {
    const values = { ...result.notice.values } as Record<string, unknown>;
    if (values.endsAt instanceof Date) values.time = timeText(values.endsAt);
    extras.notice = { text: t(`controls.notice.${result.notice.key}`, values), color: "Good" };
  }
  return controlsCard(lang, dialogue, state, extras);
}
