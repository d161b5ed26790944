import assert from "node:assert/strict";
import { executeActivity, messageActivity } from "../../testing/activities";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { translator } from "../../src/platform/i18n/i18n";
import { tracked } from "../reliability/report";

const GROUP = "security/http";
const BURST = 5;

describe("security: card actions and /api/peer writes share the per-user write limit", function () {
  this.timeout(30_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    // A small budget that does not refill within the test: the 6th write is refused.
    t = await startDirectoryApp({ overrides: { writeRate: { burst: BURST, perSecond: 0.001 } } });
  });
  after(async () => {
    await t.close();
    await connector.close();
  });

  const dialogueRows = async () => {
    let n = 0;
    for await (const _ of t.app.app.store.table("Dialogues").listEntities()) n++;
    return n;
  };
  const invoke = async (
    userId: string,
    verb: string,
    data: Record<string, unknown> = {},
    locale = "sv-SE",
  ) => {
    const res = await t.app.postActivity(
      executeActivity({ serviceUrl: connector.serviceUrl, userId, verb, data, locale }),
    );
    return {
      status: res.status,
      body: (await res.json()) as {
        statusCode?: number;
        type?: string;
        value: { code?: string; message?: string };
      },
    };
  };

  it(
    "adaptiveCard/action invokes: 429 with a translated message once the sender's budget is spent, and the action does not run",
    tracked(GROUP, async () => {
      const user = "aad-rate-card-1";
      for (let i = 0; i < BURST; i++) {
        const r = await invoke(user, "no.such.verb");
        assert.equal(r.body.statusCode, 200, `invoke ${i} within the budget`);
      }
      const before = await dialogueRows();
      const refused = await invoke(user, "dialogue.create", { title: "Rate limited", nonce: "n-1" });
      assert.equal(refused.status, 429, "the SDK answers the invoke with the response's status");
      assert.equal(refused.body.statusCode, 429);
      assert.equal(refused.body.type, "application/vnd.microsoft.error");
      assert.equal(refused.body.value.code, "rateLimited");
      const sv = translator("sv", "common")("rateLimited", { seconds: 1 }).split("1 s")[0]!;
      assert.ok(String(refused.body.value.message).startsWith(sv), refused.body.value.message);
      assert.equal(await dialogueRows(), before, "nothing created");
      // Another user is not affected.
      assert.equal((await invoke("aad-rate-card-2", "no.such.verb")).body.statusCode, 200);
      // Card data cannot pick the bucket: naming another user in the data changes nothing.
      const forged = await invoke(user, "no.such.verb", {
        userId: "aad-rate-card-3",
        aadObjectId: "aad-rate-card-3",
      });
      assert.equal(forged.body.statusCode, 429);
    }),
  );

  it(
    "Action.Submit messages: a translated message instead of running the action",
    tracked(GROUP, async () => {
      const user = "aad-rate-submit-1";
      const submit = (locale: string) =>
        t.app.postActivity(
          messageActivity({
            serviceUrl: connector.serviceUrl,
            userId: user,
            locale,
            value: { verb: "no.such.verb" },
          }),
        );
      for (let i = 0; i < BURST; i++) assert.equal((await submit("en-US")).status, 200);
      connector.reset();
      assert.equal((await submit("fi-FI")).status, 200);
      const [reply] = await connector.waitForActivities(1);
      const fi = translator("fi", "common")("rateLimited", { seconds: 1 }).split("1 s")[0]!;
      assert.ok(String(reply!.text).startsWith(fi), String(reply!.text));
    }),
  );

  it(
    "POST /api/peer: 429 with Retry-After and a translated message after the budget",
    tracked(GROUP, async () => {
      const token = await t.sso.mint({ oid: "aad-rate-peer-1" });
      const statuses: number[] = [];
      for (let i = 0; i <= BURST; i++) {
        const r = await t.call<{ error: string; message: string }>("/api/peer", {
          method: "POST",
          token,
          lang: "sv",
          body: { title: "" },
        });
        statuses.push(r.status);
        if (i === BURST) {
          assert.equal(r.status, 429, `statuses ${statuses}`);
          assert.equal(r.body.error, "rateLimited");
          assert.match(r.body.message, /För många/);
          assert.ok(Number(r.headers.get("retry-after")) >= 1);
        }
      }
      assert.ok(
        statuses.slice(0, BURST).every((s) => s !== 429),
        `statuses ${statuses}`,
      );
    }),
  );
});
