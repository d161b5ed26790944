import { startAppProcess, type AppProcess } from "../../bot/testing/app-process";
import { uniquePrefix } from "../../bot/testing/azurite";
import { arrangeRunningRound, memberId } from "../../bot/testing/arrange";
import { createTableStore, type TableStore } from "../../bot/src/platform/tables/table-store";
import { TABLE_NAMES } from "../../bot/src/platform/tables/tables";
import { runConcurrent } from "./stats";
import { rollingRestart, type RestartMode, type RestartStep } from "./rolling-restart";
import { minimumScheduleMs, startConnectorEmulator, type ConnectorEmulator } from "./connector-emulator";
import {
  chatOf,
  deliveryRows,
  FAST_OUTBOX_ENV,
  groupCardsOf,
  scheduleAnnouncement,
  seedReferences,
} from "../../bot/testing/outbox-fleet";

/** One dialogue-day run: `dialogues` × `people` whose round 1 starts at once, on `instances` app processes. */
export interface DialogueDayOptions {
  connectionString: string;
  dialogues: number;
  people: number;
  instances: number;
  /** Group size (5: one scribe per five, who also gets the notes card). */
  groupSize?: number;
  timeoutMs?: number;
  /** Restart every instance once, one after another, while the cards go out. */
  restart?: RestartMode;
  /** A stop that takes longer is SIGKILLed (default 30 s). */
  stopTimeoutMs?: number;
}

/** What a run measured. */
export interface DialogueDayResult {
  members: number;
  /** Members without a group card at the end. */
  lost: number;
  /** Delivery rows given up (failed after the retry budget). */
  gaveUp: number;
  /** Activities delivered more than once. */
  duplicates: number;
  /** 429s the connector answered, by the limit that refused them. */
  throttled: number;
  throttledBy: { conversation: number; tenant: number };
  /** Activities delivered (group cards and scribes' notes cards). */
  delivered: number;
  /** First to last delivered activity. */
  sendMs: number;
  /** The least time Teams' limits allow for the same activities per conversation. */
  minimumMs: number;
  /** From scheduling the announcements to the last card (job pick-up and recording included). */
  totalMs: number;
  /** 429s answered from the lease holder's SIGTERM to 2 s after its exit (the handover's pacing). */
  throttledAtHandovers: number;
  /** The longest pause between two delivered activities (a handover's cost). */
  longestGapMs: number;
  /** The stops of a rolling restart, in order (empty without one). */
  restarts: RestartStep[];
  /** Delivery rows marked sent by processes started during the run (a restart's replacements). */
  sentByReplacements: number;
}

/**
 * Starts `instances` real app processes (`npm start`'s entry point) on one Azurite and a
 * connector emulator that enforces Teams' limits, arranges the dialogues with running rounds and
 * stored chats, schedules every announcement at once and waits until each member has their card.
 */
export async function runDialogueDay(options: DialogueDayOptions): Promise<DialogueDayResult> {
  const groupSize = options.groupSize ?? 5;
  const prefix = uniquePrefix();
  const store: TableStore = createTableStore({
    target: { connectionString: options.connectionString },
    prefix,
  });
  await store.ensureTables(TABLE_NAMES);
  const emulator: ConnectorEmulator = await startConnectorEmulator({ faultRate: 0 });
  const apps: AppProcess[] = [];
  let over = false;
  let restarting: Promise<RestartStep[]> | undefined;
  try {
    // Module loading of several processes at once on a loaded 2-core machine took over a minute;
    // a slow start is not what is measured here.
    const start = async (startTimeoutMs = 120_000) => {
      const app = await startAppProcess({
        connectionString: options.connectionString,
        prefix,
        // Quick polls, but the production lease (9 s) and visibility (15 s): a starved event loop
        // (2 shared cores) must still renew in time, or a takeover repeats rows in flight.
        env: { JOB_POLL_MS: FAST_OUTBOX_ENV.JOB_POLL_MS, OUTBOX_POLL_MS: FAST_OUTBOX_ENV.OUTBOX_POLL_MS },
        startTimeoutMs,
      });
      apps.push(app); // stopped in `finally`, whatever fails later
      return app;
    };
    const startMany = () => Promise.all(Array.from({ length: options.instances }, () => start()));
    const ids: string[] = [];
    const everyone: string[] = [];
    // The dialogues are arranged while the processes start (both take seconds).
    const arranging = (async () => {
      for (let d = 0; d < options.dialogues; d++) {
        const groups = Math.ceil(options.people / groupSize);
        const { dialogue } = await arrangeRunningRound(store, groups, groupSize);
        ids.push(dialogue.id);
        everyone.push(...Array.from({ length: groups * groupSize }, (_, n) => memberId(dialogue.id, n)));
      }
      const chunks = Array.from({ length: 16 }, (_, i) => everyone.filter((_, n) => n % 16 === i));
      await runConcurrent(chunks.length, 16, (i) => seedReferences(store, chunks[i]!, emulator.serviceUrl));
    })();
    arranging.catch(() => undefined); // awaited below
    const olds = await startMany();
    // A slot swap's new instances are up and joined (as lease contenders) before the old go;
    // started after the old ones, so one of those holds the sender lease.
    if (options.restart === "surge") await startMany();
    await arranging;
    emulator.reset();

    const t0 = performance.now();
    const endsAt = new Date(Date.now() + 1800_000);
    await Promise.all(ids.map((id) => scheduleAnnouncement(store, id, endsAt)));
    let cards = 0;
    if (options.restart) {
      restarting = rollingRestart({
        mode: options.restart,
        olds,
        start: () => start(),
        store,
        progress: () => cards,
        total: everyone.length,
        over: () => over,
        stopTimeoutMs: options.stopTimeoutMs ?? 30_000,
      });
      restarting.catch(() => undefined); // awaited below
    }
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    // Only members still waiting are looked at: this process also serves the connector, and
    // scanning every member's cards ten times a second would slow what it measures.
    const waiting = new Set(everyone);
    for (;;) {
      for (const u of waiting) if (groupCardsOf(emulator, u) >= 1) waiting.delete(u);
      cards = everyone.length - waiting.size;
      if (cards === everyone.length) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    over = true;
    const restarts = (await restarting) ?? [];
    const s = emulator.stats();
    const totalMs = s.lastDeliveredAt - t0;
    const rows = (await Promise.all(ids.map((id) => deliveryRows(store, id)))).flat();
    const perConversation = everyone.map((u) => s.bodies.get(chatOf(u))?.length ?? 0).filter((n) => n > 0);
    const expectedActivities = rows.length;
    const replacements = new Set(apps.filter((a) => !olds.includes(a)).map((a) => a.pid));
    const pidOf = (owner: unknown) => Number(/-(\d+)-[0-9a-f]+$/.exec(String(owner))?.[1]);
    return {
      members: everyone.length,
      lost: everyone.filter((u) => groupCardsOf(emulator, u) === 0).length,
      gaveUp: rows.filter((r) => r.status === "failed").length,
      duplicates: Math.max(0, s.delivered - expectedActivities),
      throttled: s.throttled,
      throttledBy: { ...s.throttledBy },
      delivered: s.delivered,
      sendMs: s.lastDeliveredAt - s.firstDeliveredAt,
      minimumMs: minimumScheduleMs(perConversation),
      totalMs,
      longestGapMs: s.longestGapMs,
      throttledAtHandovers: s.throttledAt.filter((t) =>
        restarts.some((x) => x.wasHolder && t >= x.at && t <= x.at + x.exit.ms + 2000),
      ).length,
      restarts,
      sentByReplacements: rows.filter((r) => r.status === "sent" && replacements.has(pidOf(r.sentBy))).length,
    };
  } finally {
    over = true;
    await restarting?.catch(() => undefined);
    await Promise.all(apps.map((a) => a.stop()));
    await emulator.close();
  }
}
