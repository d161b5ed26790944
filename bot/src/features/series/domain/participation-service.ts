import type { SeriesActor } from "./access";
import type { Masker } from "./anonymise";
import { beforeDeadline } from "./deadlines";
import { SeriesConflictError, SeriesError } from "./errors";
import { validateRecord, validateSeriesDialogue } from "./forms";
import { CARD_ID_ATTEMPTS, idForCard } from "./card-ids";
import type { LinkedDialogueLookup, SeriesStore } from "./ports";
import type { RegularOrganiserService } from "./regular-organiser-service";
import { requireCoordinator, type SeriesService } from "./series-service";
import { recordsByDialogue, seriesStatistics, type SeriesStatistics } from "./statistics";
import {
  MAX_RECORDS_PER_DIALOGUE,
  type RecordDetails,
  type Series,
  type SeriesDialogue,
  type SeriesRecord,
} from "./types";

/** Dependencies of {@link createParticipationService}. */
export interface ParticipationServiceDeps {
  store: SeriesStore;
  series: SeriesService;
  organisers: RegularOrganiserService;
  now: () => Date;
  newDialogueId: () => string;
  mask: Masker;
  /** The dialogues feature, when present: validates linked ids and supplies names to mask. */
  linked?: LinkedDialogueLookup;
}

/** A registered dialogue with the state of its records, as the dashboard shows it. */
export interface DashboardRow extends SeriesDialogue {
  records: number;
  participantsOnSite: number;
  participantsRemote: number;
  lastRecordAt?: Date;
}

/** The coordinators' dashboard. */
export interface Dashboard {
  series: Series;
  rows: DashboardRow[];
  statistics: SeriesStatistics;
}

/**
 * Organisers' use cases (register a dialogue under a series, submit and edit records until the
 * records deadline) and the coordinators' view of them. Organisers see and change only their own.
 */
export function createParticipationService(deps: ParticipationServiceDeps) {
  const { store, now } = deps;

  async function dialogueOf(actor: SeriesActor, series: Series, id: string): Promise<SeriesDialogue> {
    const d = typeof id === "string" && id.length <= 64 ? await store.getDialogue(series.id, id) : undefined;
    if (!d) throw new SeriesError("notFound");
    if (d.owner.aadId !== actor.userId && !actor.coordinator) throw new SeriesError("forbidden");
    return d;
  }

  function recordNo(value: unknown): number {
    const n = typeof value === "number" ? value : Number(value ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RECORDS_PER_DIALOGUE) throw new SeriesError("notFound");
    return n;
  }

  async function anonymise(
    details: RecordDetails,
    d: SeriesDialogue,
    actor: SeriesActor,
  ): Promise<RecordDetails> {
    const names = [actor.name, d.owner.name];
    if (d.kind === "bot" && d.dialogueId && deps.linked)
      names.push(...(await deps.linked.participantNames(d.dialogueId)));
    const m = (s: string) => deps.mask(s, names);
    return {
      ...details,
      notes: m(details.notes),
      themes: details.themes.map(m),
      insights: details.insights.map(m),
      seldomHeardGroups: m(details.seldomHeardGroups),
    };
  }

  /** True when a stored record holds exactly `details` (every field the form sets). */
  const sameDetails = (stored: SeriesRecord, details: RecordDetails) =>
    (Object.keys(details) as (keyof RecordDetails)[]).every(
      (k) => JSON.stringify(stored[k]) === JSON.stringify(details[k]),
    );

  async function enrolOnce(
    actor: SeriesActor,
    seriesId: string,
    raw: Record<string, unknown>,
    options: { joinNetwork?: boolean; nonce?: string } = {},
  ): Promise<{ dialogue: SeriesDialogue; created: boolean }> {
    const series = await deps.series.get(actor, seriesId);
    const { nonce } = options;
    const again = async (attempt: number) => {
      if (!nonce) return undefined;
      const found = await store.getDialogue(
        series.id,
        idForCard("sd", [series.id, actor.userId], nonce, attempt),
      );
      return found && found.owner.aadId === actor.userId ? found : undefined;
    };
    // A resubmitted card is recognised even after the deadline passed in between.
    const existing = await again(0);
    if (existing) return { dialogue: existing, created: false };
    if (!beforeDeadline(series.registrationDeadline, now())) throw new SeriesError("registrationClosed");
    const details = validateSeriesDialogue(raw, series);
    if (details.kind === "bot") {
      const found =
        deps.linked && (await deps.linked.find(details.dialogueId!, actor.tenantId, actor.userId));
      if (!found)
        throw new SeriesError("dialogueNotFound", [{ field: "dialogueId", key: "dialogueNotFound" }]);
      if (!details.title) details.title = found.title;
    }
    const organiser = await deps.organisers.noteContact(
      details.organisation,
      actor,
      options.joinNetwork === true,
    );
    for (let attempt = 0; attempt < CARD_ID_ATTEMPTS; attempt++) {
      const dialogue: SeriesDialogue = {
        ...details,
        id: nonce ? idForCard("sd", [series.id, actor.userId], nonce, attempt) : deps.newDialogueId(),
        seriesId: series.id,
        owner: { aadId: actor.userId, name: actor.name, lang: actor.lang },
        regularOrganiserId: organiser?.id,
        registeredAt: now(),
        version: 1,
        reminderCount: 0,
      };
      try {
        await store.createDialogue(dialogue);
        return { dialogue, created: true };
      } catch (err) {
        if (!(err instanceof SeriesConflictError) || !nonce) throw err;
        const found = await again(attempt);
        if (found) return { dialogue: found, created: false };
      }
    }
    throw new SeriesError("stale");
  }

  return {
    /** Registers a dialogue under an open series (any signed-in user may organise). */
    async enrol(
      actor: SeriesActor,
      seriesId: string,
      raw: Record<string, unknown>,
      options: { joinNetwork?: boolean } = {},
    ): Promise<SeriesDialogue> {
      return (await enrolOnce(actor, seriesId, raw, options)).dialogue;
    },

    /**
     * Registers the dialogue of one form card: the card's nonce fixes the id, so the same card
     * submitted again finds the registration it made (`created: false`) instead of a second one.
     */
    enrolOnce,

    /** Coordinators see every registered dialogue; organisers only their own. */
    async listDialogues(
      actor: SeriesActor,
      seriesId: string,
    ): Promise<{ series: Series; dialogues: SeriesDialogue[]; records: SeriesRecord[] }> {
      const series = await deps.series.get(actor, seriesId);
      const content = await store.loadContent(series.id);
      if (actor.coordinator) return { series, ...content };
      const mine = content.dialogues.filter((d) => d.owner.aadId === actor.userId);
      const ids = new Set(mine.map((d) => d.id));
      return { series, dialogues: mine, records: content.records.filter((r) => ids.has(r.seriesDialogueId)) };
    },

    /** One dialogue with its records (owner or coordinator). */
    async getDialogue(actor: SeriesActor, seriesId: string, id: string) {
      const series = await deps.series.get(actor, seriesId);
      const dialogue = await dialogueOf(actor, series, id);
      const { records } = await store.loadContent(series.id);
      return { series, dialogue, records: records.filter((r) => r.seriesDialogueId === dialogue.id) };
    },

    /** A record (owner or coordinator); undefined when not submitted yet. */
    async getRecord(actor: SeriesActor, seriesId: string, id: string, no: unknown = 1) {
      const series = await deps.series.get(actor, seriesId);
      const dialogue = await dialogueOf(actor, series, id);
      return { series, dialogue, record: await store.getRecord(series.id, dialogue.id, recordNo(no)) };
    },

    /**
     * Creates or edits a record (the dialogue's owner only, until the records deadline).
     * `expectedVersion` must equal the stored version when the record exists (0 or undefined for a
     * new one); otherwise "stale" with the current record, and nothing is overwritten.
     */
    async saveRecord(
      actor: SeriesActor,
      seriesId: string,
      id: string,
      no: unknown,
      raw: Record<string, unknown>,
      expectedVersion: number | undefined,
    ): Promise<SeriesRecord> {
      const series = await deps.series.get(actor, seriesId);
      const dialogue = await dialogueOf(actor, series, id);
      if (dialogue.owner.aadId !== actor.userId) throw new SeriesError("forbidden");
      if (!beforeDeadline(series.recordsDeadline, now())) throw new SeriesError("recordsClosed");
      const n = recordNo(no);
      const details = await anonymise(validateRecord(raw), dialogue, actor);
      const current = await store.getRecord(series.id, dialogue.id, n);
      const at = now();
      try {
        if (!current) {
          if (expectedVersion) throw new SeriesConflictError("record gone");
          const record: SeriesRecord = {
            ...details,
            seriesId: series.id,
            seriesDialogueId: dialogue.id,
            recordNo: n,
            ownerId: actor.userId,
            submittedAt: at,
            updatedAt: at,
            version: 1,
          };
          await store.createRecord(record);
          return record;
        }
        if (expectedVersion !== current.version) throw new SeriesConflictError("stale record");
        const next: SeriesRecord = { ...current, ...details, updatedAt: at, version: current.version + 1 };
        await store.updateRecord(next, current.version);
        return next;
      } catch (err) {
        if (!(err instanceof SeriesConflictError)) throw err;
        const latest = await store.getRecord(series.id, dialogue.id, n);
        // The same card submitted twice: the version it was made from was saved with exactly
        // these values one step ago. That is this save, not someone else's change.
        if (latest && latest.version === (expectedVersion ?? 0) + 1 && sameDetails(latest, details))
          return latest;
        throw new SeriesError("stale", [], latest);
      }
    },

    /** The coordinators' dashboard: every registered dialogue with record status, and live statistics. */
    async dashboard(actor: SeriesActor, seriesId: string): Promise<Dashboard> {
      requireCoordinator(actor);
      const series = await deps.series.get(actor, seriesId);
      const { dialogues, records } = await store.loadContent(series.id);
      const byDialogue = recordsByDialogue(records);
      const rows = dialogues
        .map((d): DashboardRow => {
          const recs = byDialogue.get(d.id) ?? [];
          return {
            ...d,
            records: recs.length,
            participantsOnSite: recs.reduce((s, r) => s + r.participantsOnSite, 0),
            participantsRemote: recs.reduce((s, r) => s + r.participantsRemote, 0),
            lastRecordAt: recs.length
              ? new Date(Math.max(...recs.map((r) => r.updatedAt.getTime())))
              : undefined,
          };
        })
        .sort((a, b) => a.date.localeCompare(b.date) || a.organisation.localeCompare(b.organisation, "fi"));
      return { series, rows, statistics: seriesStatistics(dialogues, records) };
    },

    /**
     * Dialogues to remind (coordinator): the given ids, or every dialogue without records. Records
     * the reminder on each so the dashboard shows it; the caller sends the messages. A dialogue
     * this `requestId` already reminded (a retried request) is returned as it is, not counted again.
     * The id is remembered with the dialogues it reminded: replayed later, even after newer
     * reminders, it reminds nobody again and answers the same; naming other dialogues with it is
     * refused (`requestReused`).
     */
    async remind(
      actor: SeriesActor,
      seriesId: string,
      ids?: readonly string[],
      requestId?: string,
    ): Promise<{ series: Series; dialogues: SeriesDialogue[] }> {
      requireCoordinator(actor);
      const series = await deps.series.get(actor, seriesId);
      if (!beforeDeadline(series.recordsDeadline, now())) throw new SeriesError("recordsClosed");
      const { dialogues, records } = await store.loadContent(series.id);
      const seen = requestId ? await store.getRequest(series.id, "remind", requestId) : undefined;
      if (seen) {
        const same = new Set(seen.targets);
        const asked = ids && new Set(ids);
        if (asked && (asked.size !== same.size || [...asked].some((id) => !same.has(id))))
          throw new SeriesError("requestReused");
        return { series, dialogues: dialogues.filter((d) => same.has(d.id)) };
      }
      const reported = new Set(records.map((r) => r.seriesDialogueId));
      const wanted = ids ? new Set(ids) : undefined;
      if (wanted && [...wanted].some((id) => !dialogues.some((d) => d.id === id)))
        throw new SeriesError("notFound");
      const targets = dialogues.filter((d) => (wanted ? wanted.has(d.id) : !reported.has(d.id)));
      const out: SeriesDialogue[] = [];
      for (const d of targets) {
        if (requestId && d.reminderRequest === requestId) {
          out.push(d);
          continue;
        }
        const next = {
          ...d,
          remindedAt: now(),
          reminderCount: d.reminderCount + 1,
          reminderRequest: requestId,
          version: d.version + 1,
        };
        try {
          await store.updateDialogue(next, d.version);
          out.push(next);
        } catch (err) {
          // Changed meanwhile (another reminder click): it was reminded just now, skip it, unless
          // that click was this same request arriving twice at once: then it is part of the answer.
          if (!(err instanceof SeriesConflictError)) throw err;
          const current = requestId ? await store.getDialogue(series.id, d.id) : undefined;
          if (current && current.reminderRequest === requestId) out.push(current);
        }
      }
      if (requestId)
        await store.rememberRequest(series.id, requestId, {
          kind: "remind",
          fingerprint: "",
          targets: out.map((d) => d.id),
        });
      return { series, dialogues: out };
    },
  };
}

/** The service type. */
export type ParticipationService = ReturnType<typeof createParticipationService>;
