import assert from "node:assert/strict";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { OTHER_TENANT } from "../../testing/sso";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "../directory/api/helpers";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { seriesBody } from "../series/api-client";
import { arrangeRunningRound, memberId, rowsOf } from "../../testing/arrange";
import { tracked } from "../reliability/report";

const GROUP = "security/access";
const COORDINATOR = "aad-sec-coordinator";

describe("security: who may call the tab API and the facilitator controls", function () {
  this.timeout(30_000);
  let t: DirectoryTestApp;
  let multi: DirectoryTestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    t = await startDirectoryApp({ env: { COORDINATORS: COORDINATOR } });
    multi = await startDirectoryApp({
      env: { COORDINATORS: COORDINATOR, AAD_APP_TENANT_ID: "organizations", SEED_DEMO_DATA: "false" },
    });
  });
  after(async () => {
    await t.close();
    await multi.close();
    await connector.close();
  });

  const tokens: [string, (app: DirectoryTestApp) => Promise<string | undefined>][] = [
    ["no token", async () => undefined],
    ["an expired token", (app) => app.sso.mint({ oid: COORDINATOR, expiresIn: -3600 })],
    ["a wrong audience", (app) => app.sso.mint({ oid: COORDINATOR, aud: "api://other-app/1234" })],
    ["a wrong tenant", (app) => app.sso.mint({ oid: COORDINATOR, tid: OTHER_TENANT })],
    ["an unsigned token (alg none)", async (app) => app.sso.unsigned({ oid: COORDINATOR })],
    ["a token signed with a foreign key", (app) => app.sso.mint({ oid: COORDINATOR, foreignKey: true })],
  ];
  const routes: [string, string, unknown?][] = [
    ["POST", "/api/directory/entries", { orgId: "vm", section: "done", title: "x" }],
    ["PUT", "/api/directory/entries/vm/e1", { section: "done", title: "x" }],
    ["DELETE", "/api/directory/entries/vm/e1"],
    ["GET", "/api/directory/entries?q=dialogi"],
    ["POST", "/api/series", seriesBody()],
    ["GET", "/api/series"],
  ];
  for (const [name, make] of tokens) {
    it(
      `401 for ${name} on every write and read route of both APIs`,
      tracked(GROUP, async () => {
        const token = await make(t);
        for (const [method, path, body] of routes) {
          const res = await t.call(path, { method, token, body, headers: { "if-match": '"1"' } });
          assert.equal(res.status, 401, `${method} ${path}`);
        }
      }),
    );
  }

  it(
    "403 for staff of one organisation creating, editing or deleting another's entries; nothing changes",
    tracked(GROUP, async () => {
      const staff = await t.signIn("staff-vm");
      const orgs = await t.call<{ items: { id: string }[] }>("/api/directory/organisations", {
        token: staff,
      });
      let target: ApiEntry | undefined;
      for (const o of orgs.body.items.filter((x) => x.id !== "vm")) {
        const org = await t.call<{ entries: ApiEntry[] }>(`/api/directory/organisations/${o.id}`, {
          token: staff,
        });
        target = org.body.entries[0];
        if (target) break;
      }
      assert.ok(target, "another organisation with entries");
      const path = `/api/directory/entries/${target.orgId}/${target.id}`;
      const create = await t.call("/api/directory/entries", {
        method: "POST",
        token: staff,
        body: { orgId: target.orgId, section: "done", title: "Not mine" },
      });
      const edit = await t.call(path, {
        method: "PUT",
        token: staff,
        body: { section: target.section, title: "Hijacked" },
        headers: { "if-match": target.etag },
      });
      const del = await t.call(path, {
        method: "DELETE",
        token: staff,
        headers: { "if-match": target.etag },
      });
      assert.deepEqual([create.status, edit.status, del.status], [403, 403, 403]);
      const after = await t.call<{ entry: ApiEntry }>(path, { token: staff });
      assert.equal(after.body.entry.title, target.title);
    }),
  );

  it(
    "a user of another tenant cannot read or change a series (404), even as a coordinator there",
    tracked(GROUP, async () => {
      const home = await multi.sso.mint({ oid: COORDINATOR });
      const created = await multi.call<{ series: { id: string; etag: string } }>("/api/series", {
        method: "POST",
        token: home,
        body: seriesBody(),
      });
      assert.equal(created.status, 201);
      const { id, etag } = created.body.series;
      const stranger = await multi.sso.mint({ oid: COORDINATOR, tid: OTHER_TENANT });
      const read = await multi.call(`/api/series/${id}`, { token: stranger });
      const write = await multi.call(`/api/series/${id}`, {
        method: "PUT",
        token: stranger,
        body: seriesBody({ theme: "Taken over" }),
        headers: { "if-match": etag },
      });
      assert.deepEqual([read.status, write.status], [404, 404]);
      const list = await multi.call<{ items: unknown[] }>("/api/series", { token: stranger });
      assert.equal(list.body.items.length, 0);
    }),
  );

  it(
    "a participant and a user of another tenant are refused the facilitator controls and the dialogue",
    tracked(GROUP, async () => {
      const bot = driver(t.app, connector);
      const { dialogue } = await arrangeRunningRound(t.app.app.store, 1, 3);
      const participant: Actor = { userId: memberId(dialogue.id, 1), userName: "P", locale: "en-US" };
      const stranger: Actor = {
        userId: "aad-stranger",
        userName: "S",
        locale: "en-US",
        tenantId: "tenant-other",
      };
      const state = async () =>
        (await rowsOf(t.app.app.store, "Groups", dialogue.id)).find((r) => r.rowKey === "state");
      const before = await state();
      const controls: [string, Record<string, unknown>][] = [
        ["round.controls", {}],
        ["round.end", { round: 1 }],
        ["round.extend", { round: 1, minutes: "5" }],
        ["round.broadcast", { round: 1, message: "Everyone out!" }],
        ["round.memberNotes", { allow: "false" }],
        ["round.endDialogue", {}],
        ["summary.open", {}],
        ["dialogue.manage", {}],
        ["dialogue.cancel", { version: 1 }],
      ];
      for (const [verb, data] of controls) {
        const r = await bot.execute(participant, verb, { dialogueId: dialogue.id, ...data });
        assert.equal(r.card, undefined, verb);
        assert.match(
          String(r.message),
          /Only the dialogue's|organisers can|facilitators/,
          `${verb}: ${r.message}`,
        );
      }
      for (const [verb, data] of [
        ...controls,
        ["dialogue.refresh", {}] as [string, Record<string, unknown>],
        ["notes.open", { round: 1, group: 1 }] as [string, Record<string, unknown>],
      ]) {
        const r = await bot.execute(stranger, verb, { dialogueId: dialogue.id, ...data });
        assert.equal(r.card, undefined, verb);
        assert.match(String(r.message), /not found|No such dialogue/, `${verb}: ${r.message}`);
      }
      assert.deepEqual(await state(), before, "the run state is unchanged");
      assert.equal(broadcasts(connector), 0);
    }),
  );
});

/** Activities carrying the forged broadcast text. */
const broadcasts = (connector: ConnectorRecorder) =>
  connector.activities().filter((a) => JSON.stringify(a).includes("Everyone out!")).length;
