import assert from "node:assert/strict";
import { messageActivity, user } from "../../../testing/activities";
import { startTestApp, type TestApp } from "../../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { createLogger } from "../../../src/logger";
import { createJobRunner } from "../../../src/platform/jobs/job-runner";

describe("jobs + messaging: wiring in the composed app", () => {
  let recorder: ConnectorRecorder;
  let app: TestApp | undefined;
  let logLines: string[];

  beforeEach(async () => {
    recorder = await startConnectorRecorder();
    logLines = [];
    app = await startTestApp({ env: { JOB_POLL_MS: "50" }, logLines });
  });
  afterEach(async () => {
    await app?.close();
    await recorder.close();
  });

  it("polls the Jobs table while listening and stops on close", async () => {
    // No feature handles this kind, so the runner reports a failed attempt: proof that it ran.
    await app!.app.jobQueue.schedule({
      id: "wiring-1",
      kind: "test.unhandled",
      dueAt: new Date(0),
      payload: {},
    });
    const deadline = Date.now() + 5000;
    const attempted = () => logLines.some((l) => l.includes('"jobId":"wiring-1"'));
    while (!attempted() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(attempted(), "the runner picked the job up");

    const { store, jobQueue } = app!.app;
    await app!.close();
    app = undefined;
    await jobQueue.schedule({ id: "wiring-2", kind: "test.unhandled", dueAt: new Date(0), payload: {} });
    // Ten of the closed runner's poll intervals (JOB_POLL_MS=50): a runner still polling would
    // have claimed the job and logged its failed attempt by now.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      logLines.filter((l) => l.includes('"jobId":"wiring-2"')),
      [],
      "the closed app's runner still polls",
    );
    // The positive side: the job was due and unclaimed all along, so another runner on the same
    // table runs it at its first poll (had the closed runner tried it, it would wait for a retry).
    const ran: string[] = [];
    const control = createJobRunner({
      table: store.table("Jobs"),
      owner: "control",
      logger: createLogger("error", () => undefined),
      handlers: { "test.unhandled": async (_p, job) => void ran.push(job.id) },
    });
    await control.runDueOnce();
    assert.deepEqual(ran, ["wiring-2"]);
  });

  it("the messenger reaches a user whose reference the bot stored", async () => {
    const u = user(3);
    const res = await app!.postActivity(
      messageActivity({ serviceUrl: recorder.serviceUrl, userId: u.aadObjectId, text: "help" }),
    );
    assert.ok(res.status < 300);
    recorder.reset();
    const sent = await app!.app.messenger.sendToUser(u.aadObjectId, { type: "message", text: "Muistutus" });
    assert.ok(sent?.activityId);
    assert.equal(recorder.activities()[0]?.text, "Muistutus");
  });
});
