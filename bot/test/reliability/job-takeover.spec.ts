import assert from "node:assert/strict";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { REMINDER_KINDS, reminderJobId } from "../../src/features/dialogues/domain/reminders";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { roundJobId, ROUND_JOB_KINDS } from "../../src/features/rounds/services/job-ids";
import { createJobQueue } from "../../src/platform/jobs/job-queue";
import { DEFAULT_LEASE_MS } from "../../src/platform/jobs/job-runner";
import { startAzurite, type AzuriteHandle } from "../../src/platform/tables/azurite";
import { createConversationRefRepository } from "../../src/platform/tables/conversation-refs";
import { createTableStore, type TableStore } from "../../src/platform/tables/table-store";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import { messageActivity } from "../../testing/activities";
import { startAppProcess, type AppProcess } from "../../testing/app-process";
import { arrangeDialogue, arrangeRunningRound, memberId } from "../../testing/arrange";
import { uniquePrefix } from "../../testing/azurite";
import { listenLocal, readBody, type LocalServer } from "../../testing/http-server";
import { answers } from "../dialogues/fixtures";
import { eventually } from "../rounds/helpers";
import { tracked } from "./report";

/** Polls an async condition (every 50 ms) until it holds. */
async function waitFor(what: string, ok: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The app's default job poll interval (JOB_POLL_MS is left unset: these are the shipped numbers). */
const POLL_MS = 1000;

/**
 * A proxy in front of Azurite's table endpoint for the app processes that can hold their writes
 * to the Outbox table: the announce job records its round messages there (the sender delivers
 * them later), so a held write keeps the job's handler running and the instance can be killed
 * mid-job. A held request whose app died is dropped, never forwarded.
 */
async function startHoldingTables(target: string, outboxTable: string) {
  const upstream = new URL(target);
  let held: (() => void)[] | undefined;
  let heldCount = 0;
  const server: LocalServer = await listenLocal(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    let gone = false;
    res.on("close", () => void (gone = true));
    if (held && req.method !== "GET" && `${req.url}\n${body}`.includes(outboxTable)) {
      heldCount++;
      await new Promise<void>((r) => held!.push(r));
      if (gone) return;
    }
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    up.end(body);
  });
  return {
    /** The app's connection string: tables through this proxy, queues straight to Azurite. */
    connectionString: (direct: string) =>
      direct.replace(`TableEndpoint=${upstream.origin}`, `TableEndpoint=${server.url}`),
    hold: () => void (held = []),
    /** Outbox writes held since the last {@link hold}. */
    held: () => heldCount,
    release() {
      const waiting = held ?? [];
      held = undefined;
      heldCount = 0;
      for (const r of waiting) r();
    },
    close: () => server.close(),
  };
}

/** A Teams connector stand-in. Records each POSTed activity with its time. */
async function startConnector() {
  const posts: { at: number; path: string; body: string }[] = [];
  let counter = 0;
  const server: LocalServer = await listenLocal(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (req.method === "POST") posts.push({ at: Date.now(), path: req.url ?? "", body });
    res.setHeader("Content-Type", "application/json");
    if (req.method === "POST" && /\/v3\/conversations\/?$/.test(req.url ?? ""))
      res.end(JSON.stringify({ id: `a:personal-${++counter}` }));
    else res.end(JSON.stringify({ id: `act-${++counter}` }));
    res.on("error", () => undefined);
  });
  return {
    serviceUrl: server.url,
    posts,
    /** POSTs to one person's chat (the test activities' `a:chat-<aad>` conversation). */
    to: (userId: string, from = 0) =>
      posts.filter((p) => p.at >= from && p.path.includes(encodeURIComponent(`a:chat-${userId}`))),
    close: () => server.close(),
  };
}

describe("faults: job leases and conversation references across app processes", function () {
  this.timeout(120_000);
  let azurite: AzuriteHandle;
  let store: TableStore;
  let prefix: string;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let tables: Awaited<ReturnType<typeof startHoldingTables>>;
  let apps: AppProcess[] = [];

  before(async () => {
    azurite = await startAzurite();
    prefix = uniquePrefix();
    store = createTableStore({ target: { connectionString: azurite.connectionString }, prefix });
    await store.ensureTables(TABLE_NAMES);
    connector = await startConnector();
    const tableEndpoint = /TableEndpoint=(http:\/\/[^/;]+)/.exec(azurite.connectionString)![1]!;
    tables = await startHoldingTables(tableEndpoint, `${prefix}Outbox`);
    // One after the other: two cold starts at once on a busy machine take long.
    for (let i = 0; i < 2; i++) apps.push(await startApp());
  });
  afterEach(() => tables.release());
  after(async () => {
    tables?.release();
    await Promise.all(apps.map((a) => a.stop()));
    await tables?.close();
    await connector?.close();
    await azurite?.stop();
  });

  const startApp = () =>
    startAppProcess({
      connectionString: tables.connectionString(azurite.connectionString),
      prefix,
      startTimeoutMs: 60_000,
    });

  const say = async (app: AppProcess, userId: string, text = "apua") => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(messageActivity({ serviceUrl: connector.serviceUrl, userId, text })),
    });
    assert.ok(res.status < 300, `message through ${app.url}: ${res.status}`);
  };

  it(
    "a job whose instance is killed (SIGKILL) mid-run is run by the other instance within one lease",
    tracked("faults", async () => {
      const MEMBERS = 4;
      const { dialogue } = await arrangeRunningRound(store, 1, MEMBERS);
      const members = Array.from({ length: MEMBERS }, (_, n) => memberId(dialogue.id, n));
      for (const [n, m] of members.entries()) await say(apps[n % 2]!, m);

      tables.hold(); // the announcement's outbox write stays unanswered: its handler is mid-run
      const queue = createJobQueue(store.table("Jobs"));
      const jobId = roundJobId(dialogue.id, 1, "announce");
      const scheduledAt = Date.now();
      await queue.schedule({
        id: jobId,
        kind: ROUND_JOB_KINDS.announce,
        dueAt: new Date(),
        payload: { dialogueId: dialogue.id, round: 1, endsAt: new Date(Date.now() + 1800_000).toISOString() },
      });
      await waitFor("the announcement's outbox write", async () => tables.held() > 0);

      // Kill the instance that holds the job's lease (its owner id carries its pid).
      const owner = async () => {
        // The announce job's due row (the round's other timers have rows of their own).
        for await (const row of store.table("Jobs").listEntities<{ id: string; leaseOwner: string }>())
          if (row.partitionKey !== "id" && row.id === jobId) return row.leaseOwner;
        return undefined;
      };
      const pidOf = (o: string | undefined) => Number(/-(\d+)-[0-9a-f]{6}$/.exec(o ?? "")?.[1]);
      const holder = await owner();
      const victim = apps.find((a) => a.pid === pidOf(holder));
      assert.ok(victim, `lease owner ${holder} is one of the app processes`);
      const survivor = apps.find((a) => a !== victim)!;
      const killedAt = Date.now();
      await victim.kill();
      apps = [survivor];

      // Takeover = the survivor's claim of the job (its lease on the row), timed from the kill.
      await waitFor(
        "the other instance to claim the job",
        async () => pidOf(await owner()) === survivor.pid,
        DEFAULT_LEASE_MS + POLL_MS + 15_000,
      ).finally(() => tables.release());
      const takeoverMs = Date.now() - killedAt;
      // Bound: the dead instance's last renewal left at most one lease; the survivor polls every second.
      assert.ok(
        takeoverMs <= DEFAULT_LEASE_MS + POLL_MS + 2000,
        `taken over after ${takeoverMs} ms (lease ${DEFAULT_LEASE_MS} ms, poll ${POLL_MS} ms)`,
      );
      await waitFor("the job to be settled", async () => (await owner()) === undefined);
      // The survivor ran it once: one group card per member since the kill (scribes also get a notes card).
      const groupCards = (m: string) =>
        connector
          .to(m, killedAt)
          .filter((p) => /Kierros 1 · Ryhmä/.test(p.body) && !p.body.includes("notes.save"));
      // Delivered by the outbox sender (after its own lease's takeover if the victim held it).
      await eventually(
        "every member's group card from the survivor",
        () => members.every((m) => groupCards(m).length > 0),
        30_000,
      );
      assert.deepEqual(
        members.filter((m) =>
          connector.to(m, scheduledAt).some((p) => p.at < killedAt && /Kierros 1 · Ryhmä/.test(p.body)),
        ),
        [],
        "nothing was sent before the kill: the job was mid-run",
      );
      assert.deepEqual(
        members.map((m) => groupCards(m).length),
        members.map(() => 1),
        "one group card per member from the survivor",
      );
      return `jobs: SIGKILL of the lease holder mid-announcement, taken over after ${takeoverMs} ms (lease ${DEFAULT_LEASE_MS} ms, poll ${POLL_MS} ms)`;
    }),
  );

  it(
    "a conversation reference deleted by one instance is written again when the person next writes through the other, and the reminder reaches them",
    tracked("faults", async () => {
      if (apps.length < 2) apps.push(await startApp());
      const [a, b] = apps as [AppProcess, AppProcess];
      const start = new Date(Date.now() + 15 * 60_000);
      const dialogue = await arrangeDialogue(store, { start, end: new Date(start.getTime() + 7200_000) });
      const person = memberId(dialogue.id, 0);
      await createRegistrationRepository(store.table("Registrations")).register(
        { dialogueId: dialogue.id, userId: person, name: "Member 0", uiLang: "fi", ...answers(0) },
        dialogue.capacity,
        new Date(),
      );
      const refs = createConversationRefRepository(store.table("ConversationRefs"));

      await say(b, person); // instance B stores (and used to cache) the reference
      assert.ok(await refs.get("user", person));
      // The person removes the app; instance A handles it and deletes the reference.
      const res = await fetch(`${a.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...messageActivity({ serviceUrl: connector.serviceUrl, userId: person }),
          type: "installationUpdate",
          action: "remove",
          text: undefined,
        }),
      });
      assert.ok(res.status < 300);
      assert.equal(await refs.get("user", person), undefined, "A deleted the reference");

      await say(b, person); // the person writes again, through B
      assert.ok(await refs.get("user", person), "B wrote the reference again");

      const mark = Date.now();
      await createJobQueue(store.table("Jobs")).schedule({
        id: reminderJobId(dialogue.id, REMINDER_KINDS.soon),
        kind: REMINDER_KINDS.soon,
        dueAt: new Date(start.getTime() - 15 * 60_000),
        payload: { dialogueId: dialogue.id },
      });
      const reminder = await eventually(
        "the reminder to reach the person",
        () => connector.to(person, mark).find((p) => p.body.includes("alkaa 15 minuutin kuluttua")),
        15_000,
      );
      assert.ok(reminder);
    }),
  );
});
