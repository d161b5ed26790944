import type { Language } from "../../../platform/i18n/i18n";
import type { AttendancePreview } from "../services/attendance-service";
import { roundsT } from "../services/texts";

/**
 * The confirm step in words: who leaves, joins or moves to which group of the round, which group
 * would fall below the minimum (with the choice that follows), and which rounds are formed afresh.
 */
export function previewLines(lang: Language, p: AttendancePreview): string[] {
  const t = roundsT(lang);
  const lines: string[] = [];
  for (const m of p.moves) {
    if (m.fromGroup !== undefined && m.toGroup !== undefined)
      lines.push(t("attendance.moves", { name: m.name, from: m.fromGroup, to: m.toGroup, round: p.round }));
    else if (m.fromGroup !== undefined)
      lines.push(t("attendance.leaves", { name: m.name, group: m.fromGroup, round: p.round }));
    else if (m.toGroup !== undefined)
      lines.push(t("attendance.joins", { name: m.name, group: m.toGroup, round: p.round }));
  }
  if (p.waits)
    lines.push(
      t("attendance.waits", { name: p.waits.name, round: p.round, maxSize: p.maxSize, next: p.waits.next }),
    );
  for (const b of p.belowMin) lines.push(t("attendance.belowMin", b));
  if (p.moves.length > 0 || p.waits) lines.push(t("attendance.othersStay", { round: p.round }));
  if (p.reformedFrom > 0)
    lines.push(
      t("attendance.reformed", {
        round: p.reformedFrom,
        count: p.present,
        minSize: p.minSize,
        maxSize: p.maxSize,
      }),
    );
  return lines;
}
