import { createEvent } from "ics";
import { formatMinutes } from "../../../platform/time/helsinki-time";
import type { Dialogue } from "./types";

/** Texts of the calendar entry in the reader's language (the caller translates). */
export interface CalendarTexts {
  themesHeading: string;
  agendaHeading: string;
  breakoutLabel: string;
}

/** Where to go: the Teams link for remote, the address in person, both for hybrid. */
export function dialogueLocation(d: Pick<Dialogue, "mode" | "meetingUrl" | "address">): string {
  if (d.mode === "remote") return d.meetingUrl;
  if (d.mode === "inPerson") return d.address;
  return [d.address, d.meetingUrl].filter(Boolean).join(" / ");
}

/**
 * An iCalendar (RFC 5545) file for the dialogue. Times are written in UTC (…Z) so every calendar
 * places them right whatever its zone; the UID is stable per dialogue and SEQUENCE is the
 * dialogue's version, so importing an updated file replaces the earlier entry.
 */
export function dialogueCalendar(dialogue: Dialogue, texts: CalendarTexts): string {
  const lines = [dialogue.description];
  if (dialogue.themes.length) lines.push("", texts.themesHeading, ...dialogue.themes.map((t) => `- ${t}`));
  if (dialogue.agenda.length) {
    lines.push(
      "",
      texts.agendaHeading,
      ...dialogue.agenda.map(
        (i) => `${formatMinutes(i.minutes)} ${i.title}${i.breakout ? ` (${texts.breakoutLabel})` : ""}`,
      ),
    );
  }
  const { error, value } = createEvent({
    productId: "dialogi-teams",
    uid: `${dialogue.id}@dialogi`,
    sequence: dialogue.version,
    method: "PUBLISH",
    title: dialogue.title,
    description: lines.join("\n").trim(),
    start: dialogue.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: dialogue.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    location: dialogueLocation(dialogue) || undefined,
    url: dialogue.meetingUrl || undefined,
    status: dialogue.state === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    lastModified: dialogue.updatedAt.getTime(),
  });
  if (error || !value) throw new Error(`calendar file could not be built: ${error?.message ?? "empty"}`);
  return value;
}
