import assert from "node:assert/strict";
import { roundJobId, ROUND_JOB_KINDS } from "../../src/features/rounds/services/job-ids";
import { uniquePrefix } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "../directory/api/helpers";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "../rounds/helpers";
import { arrangeRunningRound, FACILITATOR, memberId, ORGANISER } from "../../testing/arrange";
import { tracked } from "./report";

const GROUPS = 2;
const MEMBERS = 3;
const DIALOGUES = 4;

describe("faults: two app instances on one store", function () {
  this.timeout(60_000);
  let connector: ConnectorRecorder;
  let a: DirectoryTestApp;
  let b: DirectoryTestApp;
  let botA: ReturnType<typeof driver>;
  let botB: ReturnType<typeof driver>;
  /** Both instances' log lines (JSON), for the runners' "job done". */
  const logLines: string[] = [];

  /**
   * Waits until the jobs' rows are gone from the Jobs table (run and settled), then asserts each
   * ran once: every instance logs "job done" for each job it ran, so a double claim shows as two.
   */
  async function settled(jobIds: string[]): Promise<void> {
    const jobsTable = a.app.app.store.table("Jobs");
    const pending = async () => {
      const left: string[] = [];
      for await (const row of jobsTable.listEntities<{ id?: string }>())
        if (jobIds.includes(String(row.id ?? ""))) left.push(String(row.id));
      return left;
    };
    for (const until = Date.now() + 10_000; (await pending()).length > 0;) {
      assert.ok(Date.now() < until, `jobs not settled: ${await pending()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const done = (id: string) =>
      logLines.filter((l) => l.includes('"msg":"job done"') && l.includes(`"jobId":"${id}"`)).length;
    assert.deepEqual(
      jobIds.map(done),
      jobIds.map(() => 1),
      "each job ran on one instance",
    );
  }
  before(async () => {
    connector = await startConnectorRecorder();
    // Same tables, each instance with its own job runner polling every 50 ms.
    const env = { TABLES_PREFIX: uniquePrefix(), JOB_POLL_MS: "50" };
    a = await startDirectoryApp({ env, logLines });
    b = await startDirectoryApp({ env, logLines });
    botA = driver(a.app, connector);
    botB = driver(b.app, connector);
  });
  after(async () => {
    await a.close();
    await b.close();
    await connector.close();
  });

  const member = (dialogueId: string, n: number): Actor => ({
    userId: memberId(dialogueId, n),
    userName: `Member ${n}`,
    locale: "fi-FI",
  });
  /** Group cards (the announcement) a member got since `mark`. */
  const groupCards = (userId: string, mark: number) =>
    personalActivities(connector, userId, mark)
      .map((x) => JSON.stringify(x))
      .filter((x) => /Kierros 1 · Ryhmä/.test(x) && !x.includes("notes.save"));

  it(
    "fires each round job once although both instances poll the Jobs table",
    tracked("faults", async () => {
      const dialogues = [];
      for (let d = 0; d < DIALOGUES; d++) {
        const { dialogue } = await arrangeRunningRound(a.app.app.store, GROUPS, MEMBERS);
        dialogues.push(dialogue);
        // Conversation references, half through each instance.
        for (let n = 0; n < GROUPS * MEMBERS; n++)
          await (n % 2 ? botA : botB).say(member(dialogue.id, n), "apua");
      }
      const mark = connector.calls.length;
      const jobIds = dialogues.map((d) => roundJobId(d.id, 1, "announce"));
      for (const dialogue of dialogues) {
        await a.app.app.jobQueue.schedule({
          id: roundJobId(dialogue.id, 1, "announce"),
          kind: ROUND_JOB_KINDS.announce,
          dueAt: new Date(),
          payload: {
            dialogueId: dialogue.id,
            round: 1,
            endsAt: new Date(Date.now() + 1800_000).toISOString(),
          },
        });
      }
      const everyone = dialogues.flatMap((d) =>
        Array.from({ length: GROUPS * MEMBERS }, (_, n) => memberId(d.id, n)),
      );
      await eventually("every member's group card", () =>
        everyone.every((u) => groupCards(u, mark).length > 0),
      );
      // Wait until every job has been settled before looking for a second run.
      await settled(jobIds);
      const counts = everyone.map((u) => groupCards(u, mark).length);
      assert.deepEqual(
        counts,
        everyone.map(() => 1),
        "one announcement per member",
      );
      return `jobs: ${DIALOGUES} announce jobs, ${everyone.length} members, each card once`;
    }),
  );

  it(
    "two facilitators start the same round on different instances: one wins, the other is told",
    tracked("faults", async () => {
      const { dialogue } = await arrangeRunningRound(a.app.app.store, GROUPS, MEMBERS, { running: false });
      for (let n = 0; n < GROUPS * MEMBERS; n++) await botA.say(member(dialogue.id, n), "apua");
      const mark = connector.calls.length;
      const [first, second] = await Promise.all([
        botA.execute({ userId: ORGANISER, userName: "Olli", locale: "en-US" }, "round.start", {
          dialogueId: dialogue.id,
          round: 1,
        }),
        botB.execute({ userId: FACILITATOR, userName: "Fanni", locale: "en-US" }, "round.start", {
          dialogueId: dialogue.id,
          round: 1,
        }),
      ]);
      const outcomes = [first, second].map((r) => (r.card ? "card" : String(r.message)));
      assert.equal(outcomes.filter((o) => o === "card").length, 1, JSON.stringify(outcomes));
      assert.match(
        outcomes.find((o) => o !== "card")!,
        /already been done|round is running/,
      );
      const everyone = Array.from({ length: GROUPS * MEMBERS }, (_, n) => memberId(dialogue.id, n));
      await eventually("group cards", () => everyone.every((u) => groupCards(u, mark).length > 0));
      await settled([roundJobId(dialogue.id, 1, "announce")]);
      assert.deepEqual(
        everyone.map((u) => groupCards(u, mark).length),
        everyone.map(() => 1),
      );
    }),
  );

  it(
    "two editors of one directory entry on different instances: one wins, the other gets 409, nothing is lost",
    tracked("faults", async () => {
      const [tokenA, tokenB] = [await a.signIn("staff-vm"), await b.signIn("staff-vm")];
      const org = await a.call<{ entries: ApiEntry[] }>("/api/directory/organisations/vm", { token: tokenA });
      const entry = org.body.entries[0]!;
      const put = (t: DirectoryTestApp, token: string, title: string, etag: string) =>
        t.call<{ entry: ApiEntry; current?: ApiEntry }>(`/api/directory/entries/vm/${entry.id}`, {
          method: "PUT",
          token,
          body: { section: entry.section, title },
          headers: { "if-match": etag },
        });
      const [ra, rb] = await Promise.all([
        put(a, tokenA, "Title from editor A", entry.etag),
        put(b, tokenB, "Title from editor B", entry.etag),
      ]);
      const statuses = [ra.status, rb.status].sort();
      assert.deepEqual(statuses, [200, 409]);
      const [winner, loser] = ra.status === 200 ? [ra, rb] : [rb, ra];
      assert.equal(loser.body.current?.title, winner.body.entry.title, "the loser sees the winner's version");
      // The loser re-applies on the current version: both edits are in the history, none lost.
      const loserTitle = winner === ra ? "Title from editor B" : "Title from editor A";
      const retry = await put(
        loser === ra ? a : b,
        loser === ra ? tokenA : tokenB,
        loserTitle,
        winner.body.entry.etag,
      );
      assert.equal(retry.status, 200);
      const history = await a.call<{ items: { after?: { title?: string } }[] }>(
        `/api/directory/entries/vm/${entry.id}/history`,
        { token: tokenA },
      );
      const titles = history.body.items.map((i) => i.after?.title);
      assert.ok(
        titles.includes(winner.body.entry.title) && titles.includes(loserTitle),
        JSON.stringify(titles),
      );
    }),
  );
});
