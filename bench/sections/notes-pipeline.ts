import { randomUUID } from "node:crypto";
import type { Dialogue } from "../../bot/src/domain/dialogue/types";
import { initialState } from "../../bot/src/rounds/run-state";
import type { RoundGroup } from "../../bot/src/rounds/types";
import { createDialogueRepository } from "../../bot/src/storage/dialogues/dialogue-repository";
import { createGroupRepository } from "../../bot/src/storage/rounds/group-repository";
import { createNoteRepository } from "../../bot/src/storage/rounds/note-repository";
import { executeActivity, TEST_TENANT } from "../../bot/testing/activities";
import type { BenchContext } from "../lib/context";
import { startBotHarness } from "../lib/bot-harness";
import type { Figure } from "../lib/report";
import { postInWorker } from "../lib/load";
import { percentile, round } from "../lib/stats";
import { measureRawUpsert } from "./raw-upsert";

const GROUPS = 8;
const MEMBERS = 8;
const DIALOGUE_ID = "d-benchnts";

/** A dialogue whose round 1 is running with 8 groups of 8 (members may write), stored directly. */
async function arrange(store: import("../../bot/src/storage/table-store").TableStore): Promise<void> {
  const at = new Date();
  const dialogue: Dialogue = {
    id: DIALOGUE_ID,
    tenantId: TEST_TENANT,
    state: "open",
    version: 1,
    title: "Bench",
    description: "",
    themes: ["Q"],
    start: at,
    end: new Date(at.getTime() + 7200_000),
    deadline: at,
    mode: "remote",
    meetingUrl: "",
    address: "",
    capacity: 100,
    languages: ["fi"],
    organisers: "",
    groundRules: "current4",
    agenda: [],
    createdBy: { aadId: "bench-organiser", name: "Bench Organiser" },
    organiserIds: ["bench-organiser"],
    facilitators: [{ aadId: "bench-organiser", name: "Bench Organiser" }],
    createdAt: at,
    updatedAt: at,
  };
  await createDialogueRepository(store.table("Dialogues")).create(dialogue);
  const groups = createGroupRepository(store.table("Groups"));
  const list: RoundGroup[] = Array.from({ length: GROUPS }, (_, g) => ({
    round: 1,
    group: g + 1,
    members: Array.from({ length: MEMBERS }, (_, m) => ({
      userId: `bench-user-${g * MEMBERS + m}`,
      name: `Member ${g * MEMBERS + m}`,
      language: "fi" as const,
      uiLang: "fi" as const,
      organisation: "Org",
      background: "",
    })),
    scribeId: `bench-user-${g * MEMBERS}`,
  }));
  await groups.replaceRounds(DIALOGUE_ID, [1], list);
  await groups.putState(
    {
      ...initialState(DIALOGUE_ID, 1),
      phase: "started",
      round: 1,
      running: true,
      formedRounds: 1,
      membersMayWrite: true,
      roundStartedAt: at,
      roundEndsAt: new Date(at.getTime() + 1800_000),
    },
    undefined,
  );
  const notes = createNoteRepository(store.table("Notes"), { chunk: (t) => [t], join: (c) => c.join("") });
  await notes.openGate(DIALOGUE_ID, 1, "scribes");
  await notes.openGate(DIALOGUE_ID, 1, "members");
}

/**
 * 64 concurrent note saves (Action.Execute `notes.save`) through the whole path — HTTP → JWT
 * check → adapter → handler → Tables → invoke response with the refreshed card — beside raw
 * Azurite upserts of a note-sized row measured in the same run. The client runs in a worker
 * thread, as Teams would be another machine.
 */
export async function notesPipelineBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 256 : 2000;
  const concurrency = 64;
  const raw = await measureRawUpsert(ctx, total, concurrency);
  const h = await startBotHarness(ctx);
  try {
    await arrange(h.app.app.store);
    const text = "Keskustelimme luottamuksesta ja siitä, miten palvelut selitetään. ".repeat(8);
    const body = (i: number) => {
      const user = i % (GROUPS * MEMBERS);
      return JSON.stringify(
        executeActivity({
          serviceUrl: h.connector.serviceUrl,
          userId: `bench-user-${user}`,
          verb: "notes.save",
          data: {
            dialogueId: DIALOGUE_ID,
            round: 1,
            group: Math.floor(user / MEMBERS) + 1,
            noteId: randomUUID(),
            text,
            themes: "luottamus, selkeä kieli",
            insights: "",
          },
        }),
      );
    };
    const load = (n: number) =>
      postInWorker({
        url: `${h.app.url}/api/messages`,
        token: h.token,
        bodies: Array.from({ length: n }, (_, i) => body(i)),
        concurrency,
        expectType: "application/vnd.microsoft.card.adaptive",
      });
    // Warm-up: conversation references, group cache, JIT.
    await load(GROUPS * MEMBERS);
    const { latencies, wallMs, failures } = await load(total);
    if (failures.length > 0) throw new Error(`${failures.length} failed saves, e.g. ${failures[0]}`);
    const throughput = round((total / wallMs) * 1000, 1);
    const p99 = round(percentile(latencies, 99));
    const ratio = round(throughput / raw.throughput);
    const p99Ratio = round(p99 / raw.p99);
    return [
      {
        section: "notes",
        name: "note save, 64 concurrent: throughput",
        value: throughput,
        unit: "req/s",
        baseline: { name: "raw upsert req/s", value: raw.throughput },
        ratio,
        goal: "≥ 0.7× raw",
        met: ratio >= 0.7,
      },
      {
        section: "notes",
        name: "note save, 64 concurrent: p99 latency",
        value: p99,
        unit: "ms",
        baseline: { name: "raw upsert p99 ms", value: raw.p99 },
        ratio: p99Ratio,
        goal: "≤ 4× raw",
        met: p99Ratio <= 4,
      },
    ];
  } finally {
    await h.close();
  }
}
