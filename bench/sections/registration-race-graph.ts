import { createDialogueService } from "../../bot/src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../bot/src/features/dialogues/domain/registration-service";
import { createDialogueRepository } from "../../bot/src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../bot/src/features/dialogues/store/registration-repository";
import { createMeetingsFeature, meetingHooks } from "../../bot/src/features/meetings/index";
import { createLogger } from "../../bot/src/logger";
import { AppServiceIdentityCredential } from "../../bot/src/platform/graph/app-service-identity";
import { createGraphClient } from "../../bot/src/platform/graph/graph-client";
import { createJobQueue } from "../../bot/src/platform/jobs/job-queue";
import { createJobRunner } from "../../bot/src/platform/jobs/job-runner";
import { createTableStore } from "../../bot/src/platform/tables/table-store";
import { uniquePrefix } from "../../bot/testing/azurite";
import { startGraphEmulator } from "../../bot/testing/graph-emulator";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { percentile, round } from "../lib/stats";
import { runRace } from "./registration-race";

/**
 * The registration race with Microsoft Graph on (the local Graph emulator, answering 429 to
 * every 7th call): every confirmed registration triggers the dialogue's attendee-sync job, which
 * PATCHes the event's attendee list to the confirmed set. Checks that the attendees end equal to
 * the confirmed registrants, and compares each person's p95 wait with the race without Graph
 * run just before it (same machine, same run).
 */
export async function registrationRaceGraphBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 100 : 500;
  const seats = ctx.quick ? 20 : 100;
  const without = await runRace(ctx, total, seats);

  const graph = await startGraphEmulator({ throttleEvery: 7, retryAfterSeconds: 0 });
  const store = createTableStore({
    target: { connectionString: ctx.azurite.connectionString },
    prefix: uniquePrefix(),
  });
  await store.ensureTables(["Dialogues", "Registrations", "Jobs"]);
  const logger = createLogger("error");
  const clock = () => new Date();
  const jobs = createJobQueue(store.table("Jobs"));
  const runner = createJobRunner({ table: store.table("Jobs"), owner: "bench", logger, pollMs: 100 });
  const client = createGraphClient({
    endpoint: graph.url,
    credential: new AppServiceIdentityCredential({
      endpoint: graph.env.IDENTITY_ENDPOINT!,
      header: graph.env.IDENTITY_HEADER!,
    }),
  });
  const dialogues = createDialogueService({
    dialogues: createDialogueRepository(store.table("Dialogues")),
    jobs,
    now: clock,
  });
  const registrations = createRegistrationService({
    dialogues,
    registrations: createRegistrationRepository(store.table("Registrations")),
    now: clock,
  });
  // Nothing is sent in this section: an outbox that records nothing.
  const silent = {
    enqueue: async () => ({ rows: 0, pending: 0 }),
    deliveries: async () => [],
    sendAgain: async () => 0,
  };
  createMeetingsFeature({
    graph: client,
    store,
    jobs,
    outbox: silent,
    logger,
    now: clock,
    dialogues,
    registrations,
  }).install({
    commands: [],
    actions: [],
    routes: [],
    runner,
  });
  runner.start();
  try {
    const meetings = meetingHooks({ graph: client, store, jobs, logger, now: clock });
    const withGraph = await runRace(ctx, total, seats, { store, jobs, meetings });
    const raceEnd = performance.now();
    const expected = withGraph.confirmedIds
      .map((id) => graph.mailOf(id))
      .sort()
      .join();
    const attendees = () =>
      [...graph.events.values()]
        .flatMap((e) => e.attendees.map((a) => a.emailAddress.address))
        .sort()
        .join();
    const converged = await graph
      .waitFor(() => attendees() === expected, 120_000)
      .then(
        () => true,
        () => false,
      );
    const lagMs = performance.now() - raceEnd;
    const count = attendees() ? attendees().split(",").length : 0;
    const p95 = percentile(withGraph.latencies, 95);
    const p95Without = percentile(without.latencies, 95);
    const section = "registration race + Graph";
    const label = `${total} at once for ${seats} seats, Graph on`;
    return [
      {
        section,
        name: `${label}: event attendees = confirmed (${graph.events.size} event, ${graph.throttled} × 429, ${graph.violations.length} contract violations)`,
        value: count,
        unit: `/ ${withGraph.confirmedIds.length}`,
        goal: `${seats} = confirmed, 1 event, 0 violations`,
        met:
          converged &&
          withGraph.correct &&
          count === seats &&
          graph.events.size === 1 &&
          graph.violations.length === 0,
      },
      {
        section,
        name: `${label}: p95 wait for one person`,
        value: round(p95),
        unit: "ms",
        baseline: { name: "p95 without Graph", value: round(p95Without) },
        ratio: round(p95 / p95Without),
        goal: "≤ 15000 ms (invoke timeout)",
        met: p95 <= 15_000,
      },
      {
        section,
        name: `${label}: attendees in Outlook after the last registration`,
        value: round(lagMs),
        unit: "ms",
      },
    ];
  } finally {
    await runner.stop();
    await graph.close();
  }
}
