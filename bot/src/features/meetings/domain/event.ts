import { createHash } from "node:crypto";
import { formatMinutes, TIME_ZONE, utcToHelsinki } from "../../../platform/time/helsinki-time";
import { escapeHtml } from "../../../platform/text/escape-html";
import type { Dialogue } from "../../dialogues";

/**
 * The Outlook event of a dialogue as Microsoft Graph takes it (`POST /users/{id}/events`):
 * pure functions from the dialogue to request bodies, and fingerprints that tell the sync job
 * whether anything it sent has changed.
 */

/** Texts of the event body in the dialogue's language (the caller translates). */
export interface EventTexts {
  themesHeading: string;
  agendaHeading: string;
  breakoutLabel: string;
}

/** Graph's `dateTimeTimeZone`: local wall-clock time plus an IANA zone name. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** An attendee as Graph takes it. */
export interface Attendee {
  emailAddress: { address: string; name: string };
  type: "required";
}

/** The fields of the event the app owns (sent on create and on every change). */
export interface EventFields {
  subject: string;
  body: { contentType: "html"; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  location?: { displayName: string };
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: "teamsForBusiness";
}

/** A Helsinki wall-clock time as Graph wants it: `2030-03-25T09:00:00` in `Europe/Helsinki`. */
export function helsinkiDateTime(instant: Date): DateTimeTimeZone {
  const local = utcToHelsinki(instant);
  return { dateTime: `${local.date}T${local.time}:00`, timeZone: TIME_ZONE };
}

/** The invitation body: description, themes and programme, escaped. */
export function eventBodyHtml(d: Dialogue, texts: EventTexts): string {
  const para = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, "<br>")}</p>`;
  const parts: string[] = [];
  if (d.description) parts.push(para(d.description));
  if (d.themes.length) {
    parts.push(`<h3>${escapeHtml(texts.themesHeading)}</h3>`);
    parts.push(`<ul>${d.themes.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul>`);
  }
  if (d.agenda.length) {
    parts.push(`<h3>${escapeHtml(texts.agendaHeading)}</h3>`);
    const items = d.agenda.map(
      (i) =>
        `<li>${formatMinutes(i.minutes)} ${escapeHtml(i.title)}${i.breakout ? ` (${escapeHtml(texts.breakoutLabel)})` : ""}</li>`,
    );
    parts.push(`<ul>${items.join("")}</ul>`);
  }
  // A pasted (not automatic) link goes into the body: the event then has no Teams meeting of its own.
  if (!d.meetingAuto && d.meetingUrl)
    parts.push(`<p><a href="${escapeHtml(d.meetingUrl)}">${escapeHtml(d.meetingUrl)}</a></p>`);
  return parts.join("\n");
}

/** What the event says about the dialogue (subject, body, time, place, Teams meeting). */
export function eventFields(d: Dialogue, texts: EventTexts): EventFields {
  const place = d.mode === "remote" ? "" : d.address;
  const fields: EventFields = {
    subject: d.title,
    body: { contentType: "html", content: eventBodyHtml(d, texts) },
    start: helsinkiDateTime(d.start),
    end: helsinkiDateTime(d.end),
  };
  if (place) fields.location = { displayName: place };
  if (d.meetingAuto) {
    fields.isOnlineMeeting = true;
    fields.onlineMeetingProvider = "teamsForBusiness";
  }
  return fields;
}

/** A short stable hash of any JSON value (stored to skip PATCHes that would change nothing). */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 22);
}

/** The attendee list for a set of people, sorted by address so equal sets compare equal. */
export function attendeeList(people: readonly { address: string; name: string }[]): Attendee[] {
  const byAddress = new Map(people.map((p) => [p.address.toLowerCase(), p]));
  return [...byAddress.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => ({ emailAddress: { address: p.address, name: p.name }, type: "required" }));
}

/**
 * Graph's `transactionId` for creating the event: the same for every retry of one dialogue, so
 * Exchange answers a repeated POST with the event it already made.
 */
export const eventTransactionId = (dialogueId: string) => `dialogi-${dialogueId}`;

/** createOrGet's `externalId` of a breakout room's meeting: one per dialogue and room number. */
export const roomExternalId = (dialogueId: string, room: number) => `dialogi-${dialogueId}-room-${room}`;
