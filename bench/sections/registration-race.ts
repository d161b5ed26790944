import { createDialogueService } from "../../bot/src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../bot/src/features/dialogues/domain/registration-service";
import type { DialogueDetails } from "../../bot/src/features/dialogues/domain/types";
import type { JobQueue } from "../../bot/src/platform/jobs/job-types";
import type { MeetingHooks } from "../../bot/src/features/dialogues/domain/ports";
import { createTableStore, type TableStore } from "../../bot/src/platform/tables/table-store";
import { createDialogueRepository } from "../../bot/src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../bot/src/features/dialogues/store/registration-repository";
import { uniquePrefix } from "../../bot/testing/azurite";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { percentile, round } from "../lib/stats";
import { measureRawUpsert } from "./raw-upsert";

const TENANT = "tenant-bench";
const LANGS = ["fi", "sv", "en"] as const;

/** Reminders are not under test: a queue that accepts and forgets. */
const noJobs: JobQueue = { schedule: async () => undefined, cancel: async () => undefined };

function details(capacity: number, start: Date): DialogueDetails {
  return {
    title: "Saimaan kalastusdialogi",
    description: "Miten kalastusrajoitukset ja norpan suojelu sovitetaan yhteen?",
    themes: ["Mitä kalastusrajoitukset merkitsevät arjessasi?"],
    start,
    end: new Date(start.getTime() + 2 * 3600_000),
    deadline: start,
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_bench",
    address: "",
    capacity,
    languages: ["fi"],
    organisers: "Maa- ja metsätalousministeriö",
    groundRules: "current4",
    agenda: [],
  };
}

/** One race's outcome. */
export interface RaceResult {
  latencies: number[];
  wallMs: number;
  confirmed: number;
  waitlisted: number;
  failed: number;
  counts: { confirmed: number; waitlisted: number };
  rows: number;
  correct: boolean;
  dialogueId: string;
  /** User ids of the confirmed registrants. */
  confirmedIds: string[];
}

/** Runs N registrations at once for `seats` through the registration service. */
export async function runRace(
  ctx: BenchContext,
  total: number,
  seats: number,
  wiring: { store?: TableStore; jobs?: JobQueue; meetings?: MeetingHooks } = {},
): Promise<RaceResult> {
  const store =
    wiring.store ??
    createTableStore({ target: { connectionString: ctx.azurite.connectionString }, prefix: uniquePrefix() });
  await store.ensureTables(["Dialogues", "Registrations"]);
  const now = () => new Date("2030-01-10T08:00:00Z");
  const dialogues = createDialogueService({
    dialogues: createDialogueRepository(store.table("Dialogues")),
    jobs: wiring.jobs ?? noJobs,
    now,
    meetings: wiring.meetings,
  });
  const registrations = createRegistrationService({
    dialogues,
    registrations: createRegistrationRepository(store.table("Registrations")),
    now,
    meetings: wiring.meetings,
  });
  const { dialogue } = await dialogues.create({
    tenantId: TENANT,
    creator: { aadId: "bench-organiser", name: "Olli Organisoija" },
    nonce: "88888888-8888-4888-8888-888888888888",
    details: details(seats, new Date("2030-02-01T07:00:00Z")),
  });

  const latencies: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: total }, async (_, n) => {
      const started = performance.now();
      try {
        return await registrations.register({
          dialogueId: dialogue.id,
          tenantId: TENANT,
          person: { aadId: `bench-user-${n}`, teamsId: `29:bench-user-${n}`, name: `Osallistuja ${n}` },
          uiLang: LANGS[n % 3]!,
          answers: {
            language: LANGS[n % 3]!,
            organisation: `Järjestö ${n % 12}`,
            background: "ngo",
            accessibility: "",
            scribe: n % 7 === 0,
          },
          groundRulesAccepted: true,
        });
      } catch {
        failed++;
        return undefined;
      } finally {
        latencies.push(performance.now() - started);
      }
    }),
  );
  const wallMs = performance.now() - t0;

  const confirmed = results.filter((r) => r?.registration.status === "confirmed").length;
  const waitlisted = results.filter((r) => r?.registration.status === "waitlisted").length;
  const counts = await registrations.counts(dialogue.id);
  const rows = await registrations.active(dialogue.id);
  const rowsConfirmed = rows.filter((r) => r.status === "confirmed");
  const uniqueSeq = new Set(rows.map((r) => r.seq)).size;
  const correct =
    failed === 0 &&
    confirmed === seats &&
    waitlisted === total - seats &&
    counts.confirmed === seats &&
    counts.waitlisted === total - seats &&
    rowsConfirmed.length === seats &&
    rows.length === total &&
    uniqueSeq === total;
  return {
    latencies,
    wallMs,
    confirmed,
    waitlisted,
    failed,
    counts,
    rows: rows.length,
    correct,
    dialogueId: dialogue.id,
    confirmedIds: rowsConfirmed.map((r) => r.userId),
  };
}

/**
 * N people press Register at the same moment for a dialogue with fewer seats: all through the
 * registration service on Azurite, where every seat change is one transaction conditioned on
 * the counter row's ETag (losers re-read and retry). Checks that exactly `seats` are confirmed
 * and the rest waitlisted with the counter matching the rows, and times it beside raw upserts
 * at the same concurrency.
 */
export async function registrationRaceBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 100 : 500;
  const seats = ctx.quick ? 20 : 100;
  const raw = await measureRawUpsert(ctx, total, total);
  const race = await runRace(ctx, total, seats);
  const { latencies, wallMs, confirmed, waitlisted, failed, counts, correct } = race;

  const perRegistration = round(wallMs / total, 2);
  const section = "registration race";
  const label = `${total} at once for ${seats} seats`;
  return [
    {
      section,
      name: `${label}: confirmed / waitlisted / failed (counter ${counts.confirmed}/${counts.waitlisted}, ${race.rows} rows)`,
      value: confirmed,
      unit: `/ ${waitlisted} / ${failed}`,
      goal: `${seats} / ${total - seats} / 0, counter = rows`,
      met: correct,
    },
    {
      section,
      name: `${label}: wall time per registration`,
      value: perRegistration,
      unit: "ms",
      baseline: { name: `raw upsert ms/op at ${total} concurrent`, value: raw.perOpMs },
      ratio: round(perRegistration / raw.perOpMs),
    },
    {
      section,
      name: `${label}: p95 wait for one person`,
      value: round(percentile(latencies, 95)),
      unit: "ms",
      baseline: { name: "raw upsert p99 ms", value: raw.p99 },
      ratio: round(percentile(latencies, 95) / raw.p99),
      // Registering is an Action.Execute invoke: Teams gives up on the response after ~15 s.
      goal: "≤ 15000 ms (invoke timeout)",
      met: percentile(latencies, 95) <= 15_000,
    },
  ];
}
