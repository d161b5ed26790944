import assert from "node:assert/strict";
import { arrangeDialogue, ORGANISER } from "../../testing/arrange";
import { startGraphEmulator, teamsJoinUrl, type GraphEmulator } from "../../testing/graph-emulator";
import { OTHER_TENANT, SSO_TENANT } from "../../testing/sso";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

const threadOf = (url: string) => decodeURIComponent(/meetup-join\/([^/]+)/.exec(url)![1]!);
const ATTACKER = "aad-hijack-attacker";

/**
 * Issue #26 item 3: `PUT /api/meeting/link` decides where a meeting's side panel and presence go.
 * An organiser of one dialogue must not bind another dialogue's meeting (its id is in the join
 * link anyone invited can read): only the dialogue's own meeting, never across tenants, and an
 * existing link moves only for that dialogue's organisers.
 */
describe("security: the side panel's meeting link cannot be hijacked", function () {
  this.timeout(60_000);

  async function link(
    t: DirectoryTestApp,
    oid: string,
    threadId: string,
    dialogueId: string,
    tid = SSO_TENANT,
  ) {
    const token = await t.sso.mint({ oid, tid });
    return t.call<{ error?: string; message?: string }>("/api/meeting/link", {
      method: "PUT",
      token,
      body: { threadId, dialogueId },
    });
  }
  async function linkedTo(t: DirectoryTestApp, threadId: string) {
    const token = await t.sso.mint({ oid: ORGANISER, tid: SSO_TENANT });
    const res = await t.call<{ dialogueId: string }>(
      `/api/meeting/link?thread=${encodeURIComponent(threadId)}`,
      {
        token,
      },
    );
    return res.status === 200 ? res.body.dialogueId : undefined;
  }
  const attackerDialogue = (t: DirectoryTestApp, meetingUrl: string, tenantId = SSO_TENANT) =>
    arrangeDialogue(t.app.app.store, {
      tenantId,
      meetingUrl,
      createdBy: { aadId: ATTACKER, name: "Hilja Hijacker" },
      organiserIds: [ATTACKER],
      facilitators: [{ aadId: ATTACKER, name: "Hilja Hijacker" }],
    });

  describe("without Graph", () => {
    let t: DirectoryTestApp;
    before(async () => {
      t = await startDirectoryApp({ env: { AAD_APP_TENANT_ID: "organizations", SEED_DEMO_DATA: "false" } });
    });
    after(() => t.close());

    it("a foreign organiser's PUT is refused (403) and the victim's link stays", async () => {
      const url = teamsJoinUrl("victim-1");
      const victim = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      assert.equal((await link(t, ORGANISER, threadOf(url), victim.id)).status, 200);
      // The attacker even pasted the victim's join link into their own dialogue.
      const own = await attackerDialogue(t, url);
      const res = await link(t, ATTACKER, threadOf(url), own.id);
      assert.equal(res.status, 403);
      assert.equal(res.body.error, "linkedElsewhere");
      assert.match(String(res.body.message), /already linked to another dialogue/);
      assert.equal(await linkedTo(t, threadOf(url)), victim.id, "the link stays");
    });

    it("a meeting that is not on the dialogue cannot be linked to it, linked or not", async () => {
      const own = await attackerDialogue(t, teamsJoinUrl("attacker-own"));
      const unlinked = threadOf(teamsJoinUrl("someone-elses"));
      const res = await link(t, ATTACKER, unlinked, own.id);
      assert.equal(res.status, 403);
      assert.equal(res.body.error, "notOwnMeeting");
      assert.equal(await linkedTo(t, unlinked), undefined);
      // Their own meeting: fine.
      assert.equal((await link(t, ATTACKER, threadOf(own.meetingUrl), own.id)).status, 200);
    });

    it("never across tenants: another tenant's organiser cannot take the link", async () => {
      const url = teamsJoinUrl("victim-2");
      const victim = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      assert.equal((await link(t, ORGANISER, threadOf(url), victim.id)).status, 200);
      const foreign = await attackerDialogue(t, url, OTHER_TENANT);
      const res = await link(t, ATTACKER, threadOf(url), foreign.id, OTHER_TENANT);
      assert.equal(res.status, 403);
      assert.equal(await linkedTo(t, threadOf(url)), victim.id);
    });

    it("the linked dialogue's own organisers may move the link (they correct a mistake)", async () => {
      const url = teamsJoinUrl("moved");
      const first = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      const second = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      assert.equal((await link(t, ORGANISER, threadOf(url), first.id)).status, 200);
      assert.equal((await link(t, ORGANISER, threadOf(url), second.id)).status, 200);
      assert.equal(await linkedTo(t, threadOf(url)), second.id);
    });
  });

  describe("with Graph (the emulator): the organiser is checked", () => {
    let graph: GraphEmulator;
    let t: DirectoryTestApp;
    before(async () => {
      graph = await startGraphEmulator();
      t = await startDirectoryApp({
        env: {
          ...graph.env,
          GRAPH_TENANT_ID: SSO_TENANT,
          AAD_APP_TENANT_ID: "organizations",
          SEED_DEMO_DATA: "false",
        },
      });
    });
    after(async () => {
      await t.close();
      graph.close();
    });
    const meeting = (organiser: string, name: string) => {
      const joinWebUrl = teamsJoinUrl(name);
      graph.meetings.set(`${organiser}|${name}`, {
        id: name,
        organiser,
        externalId: name,
        startDateTime: new Date().toISOString(),
        endDateTime: new Date().toISOString(),
        joinWebUrl,
      });
      return joinWebUrl;
    };

    it("the meeting on the dialogue links when Graph says the caller organises it", async () => {
      const url = meeting(ORGANISER, "graph-own");
      const d = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      const res = await link(t, ORGANISER, threadOf(url), d.id);
      assert.equal(res.status, 200, JSON.stringify([res.body, graph.calls, graph.violations]));
      const lookup = graph.calls.find((c) => c.path.endsWith("/onlineMeetings") && c.method === "GET");
      assert.ok(lookup, "asked Graph");
      assert.match(decodeURIComponent(lookup.query), /JoinWebUrl eq '/);
    });

    it("Graph down: 503 'try again', and no link is made unchecked", async () => {
      const url = meeting(ORGANISER, "graph-down");
      const d = await arrangeDialogue(t.app.app.store, { tenantId: SSO_TENANT, meetingUrl: url });
      graph.options.down = true;
      try {
        const res = await link(t, ORGANISER, threadOf(url), d.id);
        assert.equal(res.status, 503);
        assert.equal(res.body.error, "busy");
      } finally {
        graph.options.down = false;
      }
      assert.equal(await linkedTo(t, threadOf(url)), undefined);
    });

    it("an unlinked meeting someone else organises is refused even when pasted on the caller's dialogue", async () => {
      const url = meeting("aad-somebody-else", "graph-victim");
      const own = await attackerDialogue(t, url);
      const res = await link(t, ATTACKER, threadOf(url), own.id);
      assert.equal(res.status, 403);
      assert.equal(res.body.error, "notOwnMeeting");
      assert.equal(await linkedTo(t, threadOf(url)), undefined);
    });
  });
});
