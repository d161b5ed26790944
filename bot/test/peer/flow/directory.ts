import assert from "node:assert/strict";
import { personalActivities } from "../../rounds/helpers";
import { coordinator, PUBLIC_URL, smStaff, staff, type PeerStory } from "./story";

/**
 * What the peer dialogue leaves in the directory: entries with audit history, calendar and
 * organisation views, and listing health for coordinators.
 */
export function directorySteps(story: PeerStory): void {
  it("the directory shows exactly that, with audit entries and the dialogue link", async () => {
    const fromDialogue = async (org: string) => {
      const res = await story.call(`/api/directory/organisations/${org}`, coordinator);
      return (res.body.entries as Record<string, unknown>[]).filter((e) => e.dialogueId === story.dialogueId);
    };
    const [vm] = await fromDialogue("vm");
    assert.ok(vm, "vm entry");
    assert.equal(vm.section, "done");
    assert.equal(vm.title, "Vertaisdialogi: Luottamus ja avoin hallinto");
    assert.equal(vm.method, "dialogue");
    assert.equal(vm.participationLevel, "involve");
    assert.equal(vm.link, `${PUBLIC_URL}/#/calendar?dialogue=${story.dialogueId}`);
    assert.deepEqual(vm.partners, [story.names.get("syke"), story.names.get("oph")]);
    const [syke, ...more] = await fromDialogue("syke");
    assert.equal(more.length, 0);
    assert.equal(syke!.title, "SYKE:n vertaisdialogi luottamuksesta");
    assert.deepEqual(syke!.themes, ["luottamus", "ympäristötieto"]);
    assert.deepEqual(await fromDialogue("oph"), []);

    for (const [org, entry, who] of [
      ["vm", vm, staff.vm],
      ["syke", syke!, staff.syke],
    ] as const) {
      const history = await story.call(`/api/directory/entries/${org}/${String(entry.id)}/history`, who);
      assert.equal(history.status, 200);
      const [created] = history.body.items as {
        action: string;
        byId: string;
        after: { dialogueId: string };
      }[];
      assert.equal(created!.action, "create");
      assert.equal(created!.byId, who.userId, "audited as the staff member who decided");
      assert.equal(created!.after.dialogueId, story.dialogueId);
    }
  });

  it("calendar and organisation views list the peer dialogue with its summary", async () => {
    const calendar = await story.call(`/api/peer/calendar?org=syke&theme=luottamus`, staff.vm);
    const items = calendar.body.items as { dialogueId: string; summaryUrl?: string; upcoming: boolean }[];
    assert.deepEqual(
      items.map((i) => i.dialogueId),
      [story.dialogueId],
    );
    assert.equal(items[0]!.upcoming, false);
    assert.equal((await story.call(`/api/peer/calendar?org=il`, staff.vm)).body.items instanceof Array, true);
    assert.deepEqual((await story.call(`/api/peer/calendar?org=il`, staff.vm)).body.items, []);
    assert.deepEqual((await story.call(`/api/peer/calendar?theme=ilmasto`, staff.vm)).body.items, []);
    const summary = await story.call(items[0]!.summaryUrl!, staff.oph);
    assert.equal(summary.status, 200);
    assert.match(String(summary.body.markdown), /luottamus/);
    const ofOrg = await story.call(`/api/peer/organisations/oph/dialogues`, staff.syke);
    assert.deepEqual(
      (ofOrg.body.items as { dialogueId: string }[]).map((i) => i.dialogueId),
      [story.dialogueId],
    );
    assert.deepEqual((await story.call(`/api/peer/organisations/il/dialogues`, staff.syke)).body.items, []);
  });

  it("highlights missing and stale listings to coordinators, with a one-click reminder", async () => {
    const refused = await story.call("/api/peer/listing-health", staff.vm);
    assert.equal(refused.status, 403);
    const health = await story.call("/api/peer/listing-health", coordinator);
    const items = health.body.items as {
      orgId: string;
      reason: string;
      reachable: number;
      names?: unknown;
    }[];
    assert.deepEqual(
      items.find((i) => i.orgId === "sm"),
      {
        orgId: "sm",
        name: story.names.get("sm"),
        names: items.find((i) => i.orgId === "sm")?.names,
        reason: "listingMissing",
        reachable: 1,
      },
    );
    // Every language's name travels, so an English calendar shows English names (issue #27 item 16).
    const sm = items.find((i) => i.orgId === "sm") as { names?: Record<string, string> } | undefined;
    assert.equal(sm?.names?.fi, story.names.get("sm"));
    assert.ok(sm?.names?.en, JSON.stringify(sm));
    assert.ok(!items.some((i) => i.orgId === "vm"), "vm was just updated");
    const stale = await story.call("/api/peer/listing-health?staleDays=0", coordinator);
    const staleItems = stale.body.items as { orgId: string; reason: string }[];
    assert.ok(staleItems.some((i) => i.reason === "stale"));
    // The 2021 listing's "Tulossa" items are years past: they flag "il" whatever staleDays says.
    assert.ok(staleItems.some((i) => i.orgId === "il" && i.reason === "needsUpdate"));

    const mark = story.connector.calls.length;
    const sent = await story.call("/api/peer/listing-health/sm/remind", coordinator, {
      method: "POST",
      body: {},
    });
    assert.deepEqual(sent.body, { delivered: 1, recipients: 1 });
    const [reminder] = personalActivities(story.connector, smStaff.userId, mark);
    assert.match(String(reminder!.text), /listaus vertaisdialogien hakemistossa puuttuu/);
    assert.match(String(reminder!.text), /http:\/\/localhost:8443\/#\/org\/sm/);
    // Each language's paragraph names the organisation in that language (issue #27 item 16).
    const [fiPara, svPara] = String(reminder!.text).split("\n\n");
    assert.ok(sm?.names?.sv && sm.names.sv !== sm.names.fi, JSON.stringify(sm));
    assert.ok(fiPara!.includes(sm.names.fi!), fiPara);
    assert.ok(svPara!.includes(sm.names.sv) && !svPara!.includes(sm.names.fi!), svPara);
    const again = await story.call("/api/peer/listing-health/sm/remind", coordinator, {
      method: "POST",
      body: {},
    });
    assert.equal(again.status, 429);
    const byStaff = await story.call("/api/peer/listing-health/sm/remind", smStaff, {
      method: "POST",
      body: {},
    });
    assert.equal(byStaff.status, 403);
  });
}
