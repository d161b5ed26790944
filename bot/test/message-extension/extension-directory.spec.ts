import assert from "node:assert/strict";
import { findAll, textOf } from "../dialogues/conversation-helpers";
import { anna, ben, organiser, PUBLIC_URL, reader, staff, useExtensionHarness } from "./extension-harness";

/** The directory through the message extension: searching it and unfurling links to the tab. */
describe("message extension through /api/messages (signed tokens): the directory", function () {
  this.timeout(90_000);
  const { api, extension, query, results, signIn } = useExtensionHarness();

  describe("search the directory (searchDirectory)", () => {
    it("opens with upcoming ('Tulossa') entries, capped, each an entry card linking to its page in the tab", async () => {
      const list = results(await query(organiser, "searchDirectory"));
      assert.ok(list.length > 1);
      assert.match(textOf(list[0]!.content), /Vertaisdialogihakemisto · Tulossa/);
      const [open] = findAll(list[0]!.content, "Action.OpenUrl");
      assert.equal(open!.title, "Avaa hakemistossa");
      assert.match(String(open!.url), /^http:\/\/localhost:8443\/#\/org\/[a-z0-9-]+\?entry=[A-Za-z0-9_-]+$/);
      // Teams shows at most 25: a larger page asked for is still capped.
      const big = results(await query(organiser, "searchDirectory", undefined, 500));
      assert.ok(big.length <= 25 && big.length > 0);
    });

    it("finds entries with the directory's Finnish-aware search, in the searcher's language", async () => {
      const fi = results(await query(organiser, "searchDirectory", "Saimaa"));
      assert.ok(fi.some((a) => /Saimaadialogit/.test(textOf(a.content))));
      assert.match(fi[0]!.preview.content.text ?? "", / · /);
      const sv = results(await query(anna, "searchDirectory", "Saimaa"));
      assert.match(textOf(sv[0]!.content), /Katalogen över kamratdialoger/);
      assert.equal(findAll(sv[0]!.content, "Action.OpenUrl")[0]!.title, "Öppna i katalogen");
      const en = results(await query(ben, "searchDirectory", "  Saimaa\n"));
      assert.match(
        textOf(en[0]!.content),
        /Peer-dialogue directory · (Done|Upcoming|Other)[\s\S]*Organisation/,
      );
      const none = await query(ben, "searchDirectory", "qwxyzzy");
      assert.equal(none.type, "message");
      assert.match(String(none.text), /No matches in the directory\. Try another word/);
    });

    it("offers unpublished entries only to the organisation's staff, as the tab does", async () => {
      const [staffVm, coordinator] = [await signIn("staff-vm"), await signIn("coordinator")];
      const created = await api("/api/directory/entries", staffVm, "POST", {
        orgId: "vm",
        section: "other",
        title: "Hylätty kokeilu lumipallodialogi",
      });
      assert.equal(created.status, 201);
      const id = created.body.entry.id as string;
      const rejected = await api(`/api/directory/entries/vm/${id}/reject`, coordinator, "POST", {
        reason: "Ei vielä.",
      });
      assert.equal(rejected.body.entry.status, "rejected");
      const granted = await api(`/api/directory/memberships/${staff.userId}`, coordinator, "PUT", {
        orgIds: ["vm"],
      });
      assert.equal(granted.status, 200);

      const forReader = await query(reader, "searchDirectory", "lumipallodialogi");
      assert.equal(forReader.type, "message");
      const forStaff = results(await query(staff, "searchDirectory", "lumipallodialogi"));
      assert.equal(forStaff.length, 1);
      assert.match(textOf(forStaff[0]!.content), /Ei vielä julkaistu/);
      // A pasted link to it unfurls for staff only.
      const url = `${PUBLIC_URL}/#/org/vm?entry=${id}`;
      assert.deepEqual((await extension(reader, "composeExtension/queryLink", { url })).attachments, []);
      const unfurled = results(await extension(staff, "composeExtension/queryLink", { url }));
      assert.match(textOf(unfurled[0]!.content), /lumipallodialogi/);
    });
  });

  describe("link unfurling (composeExtension/queryLink)", () => {
    it("unfurls organisation and entry pages of the tab into cards in the paster's language", async () => {
      const org = results(
        await extension(ben, "composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` }),
      );
      assert.equal(org.length, 1);
      const orgText = textOf(org[0]!.content);
      assert.match(orgText, /Peer-dialogue directory · organisation/);
      assert.match(orgText, /Done[\s\S]*Upcoming[\s\S]*Other/);
      assert.equal(findAll(org[0]!.content, "Action.OpenUrl")[0]!.url, `${PUBLIC_URL}/#/org/vm`);

      const [first] = results(await query(organiser, "searchDirectory", "Saimaa"));
      const entryUrl = String(findAll(first!.content, "Action.OpenUrl")[0]!.url);
      const entry = results(await extension(organiser, "composeExtension/queryLink", { url: entryUrl }));
      assert.deepEqual(entry[0]!.content, first!.content);
    });

    it("leaves other links alone: other sites, other pages, unknown ids, malformed values", async () => {
      for (const value of [
        { url: "https://evil.example/#/org/vm" },
        { url: `${PUBLIC_URL}/#/directory` },
        { url: `${PUBLIC_URL}/#/org/ei-ole-olemassa` },
        { url: `${PUBLIC_URL}/#/org/vm?entry=ei-ole` },
        { url: `${PUBLIC_URL}/#/org/%E0%A4%A` },
        { url: `${PUBLIC_URL}/#/org/${"x".repeat(10_000)}` },
        { url: 42 },
        "not an object",
      ]) {
        const ext = await extension(ben, "composeExtension/queryLink", value);
        assert.equal(ext.type, "result", JSON.stringify(value).slice(0, 80));
        assert.deepEqual(ext.attachments, []);
      }
    });
  });
});
