import { DIALOGUE_MODES, type DialogueMode } from "../../dialogues";
import { parseDate } from "../../../platform/time/helsinki-time";
import { SeriesError } from "./errors";
import { FieldReader } from "./input";
import { SERIES_LIMITS as L } from "./limits";
import {
  DIALOGUE_HELD_LANGUAGES,
  REGIONS,
  SERIES_LANGUAGES,
  type RecordDetails,
  type SeriesDetails,
  type SeriesDialogueDetails,
} from "./types";

/** Accepts "YYYY-MM-DD" (cards, API) and also a full ISO instant's date part from the API. */
function date(r: FieldReader, field: string): string {
  const v = r.line(field, 40).slice(0, 10);
  if (v && !parseDate(v)) r.problem(field, "invalidDate");
  return v;
}

function throwIfInvalid(r: FieldReader): void {
  if (r.errors.length) throw new SeriesError("invalid", r.errors);
}

/**
 * Validates a coordinator's series form. Invitation texts may be given flat (`invitationFi`,
 * cards) or nested (`materials.invitation.fi`, REST API).
 */
export function validateSeriesDetails(raw: Record<string, unknown>): SeriesDetails {
  const materials = (raw.materials && typeof raw.materials === "object" ? raw.materials : {}) as Record<
    string,
    unknown
  >;
  const invitation = (
    materials.invitation && typeof materials.invitation === "object" ? materials.invitation : {}
  ) as Record<string, unknown>;
  const r = new FieldReader(raw);
  const theme = r.line("theme", L.theme);
  const question = r.text("question", L.question, true);
  const periodStart = date(r, "periodStart");
  const periodEnd = date(r, "periodEnd");
  const registrationDeadline = date(r, "registrationDeadline");
  const recordsDeadline = date(r, "recordsDeadline");
  if (periodStart && periodEnd && periodEnd < periodStart) r.problem("periodEnd", "endBeforeStart");
  if (periodEnd && recordsDeadline && recordsDeadline < periodEnd)
    r.problem("recordsDeadline", "recordsBeforePeriodEnd");
  if (periodEnd && registrationDeadline && registrationDeadline > periodEnd)
    r.problem("registrationDeadline", "registrationAfterPeriod");
  const languages = r.choices("languages", SERIES_LANGUAGES);
  const pick = (flat: string, nested: unknown, max: number, field: string) =>
    r.text(field, max, false, raw[flat] ?? nested);
  const details: SeriesDetails = {
    theme,
    question,
    periodStart,
    periodEnd,
    registrationDeadline,
    recordsDeadline,
    languages,
    materials: {
      invitation: {
        fi: pick("invitationFi", invitation.fi, L.invitation, "invitationFi"),
        sv: pick("invitationSv", invitation.sv, L.invitation, "invitationSv"),
        en: pick("invitationEn", invitation.en, L.invitation, "invitationEn"),
      },
      discussionGuide: pick(
        "discussionGuide",
        materials.discussionGuide,
        L.discussionGuide,
        "discussionGuide",
      ),
      groundRules: pick("groundRules", materials.groundRules, L.groundRules, "groundRules"),
    },
  };
  for (const lang of languages) {
    if (!details.materials.invitation[lang])
      r.problem(`invitation${lang[0]!.toUpperCase()}${lang[1]}`, "required");
  }
  throwIfInvalid(r);
  return details;
}

/** Validates an organiser's registration of a dialogue under a series (the date must be in the period). */
export function validateSeriesDialogue(
  raw: Record<string, unknown>,
  series: Pick<SeriesDetails, "periodStart" | "periodEnd">,
): SeriesDialogueDetails {
  const r = new FieldReader(raw);
  const kind = r.choice("kind", ["bot", "reported"] as const, "reported");
  const dialogueId = kind === "bot" ? r.line("dialogueId", 64) : undefined;
  if (dialogueId && !/^[\w-]{1,64}$/.test(dialogueId)) r.problem("dialogueId", "invalidId");
  const d = date(r, "date");
  if (d && parseDate(d) && (d < series.periodStart || d > series.periodEnd))
    r.problem("date", "outsidePeriod", { start: series.periodStart, end: series.periodEnd });
  const details: SeriesDialogueDetails = {
    kind,
    dialogueId,
    title: r.line("title", L.title, false),
    organisation: r.line("organisation", L.organisation),
    date: d,
    mode: r.choice<DialogueMode>("mode", DIALOGUE_MODES),
    language: r.choice("language", DIALOGUE_HELD_LANGUAGES),
    targetGroup: r.line("targetGroup", L.targetGroup, false),
    expectedParticipants: r.int("expectedParticipants", 1, L.participantsMax),
    region: r.choice("region", REGIONS),
  };
  if (kind === "bot" && !dialogueId) r.problem("dialogueId", "required");
  throwIfInvalid(r);
  return details;
}

/** Validates a records form. Notes are returned cleaned but not yet anonymised (the service does it). */
export function validateRecord(raw: Record<string, unknown>): RecordDetails {
  const r = new FieldReader(raw);
  const details: RecordDetails = {
    participantsOnSite: r.int("participantsOnSite", 0, L.participantsMax, false),
    participantsRemote: r.int("participantsRemote", 0, L.participantsMax, false),
    languages: r.choices("languages", DIALOGUE_HELD_LANGUAGES),
    themes: r.list("themes", L.recordThemes, L.recordTheme),
    insights: r.list("insights", L.insights, L.insight),
    notes: r.text("notes", L.notes),
    reachedSeldomHeard: r.bool("reachedSeldomHeard"),
    seldomHeardGroups: r.line("seldomHeardGroups", L.seldomHeardGroups, false),
  };
  if (details.participantsOnSite + details.participantsRemote === 0)
    r.problem("participantsOnSite", "noParticipants");
  throwIfInvalid(r);
  return details;
}
