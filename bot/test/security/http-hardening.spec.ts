import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { ensureTabBuilt } from "../../testing/browser";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { seriesBody } from "../series/api-client";
import { tracked } from "../reliability/report";

const GROUP = "security/http";

describe("security: HTTP hardening", function () {
  this.timeout(30_000);
  let t: DirectoryTestApp;
  before(async function () {
    // The tab responses below come from tab/dist (a no-op when the build is current).
    this.timeout(180_000);
    ensureTabBuilt();
    t = await startDirectoryApp({ env: { COORDINATORS: "aad-http-coord" } });
  });
  after(async () => {
    await t.close();
  });

  it(
    "sends CSP (frame-ancestors for Teams and Microsoft 365) and nosniff on API and tab responses",
    tracked(GROUP, async () => {
      const staff = await t.signIn("staff-vm");
      const responses: [string, Response][] = [
        ["tab /", await fetch(`${t.url}/`)],
        ["tab deep link", await fetch(`${t.url}/org/vm`)],
        ["health", await fetch(`${t.url}/api/health`)],
        [
          "directory",
          await fetch(`${t.url}/api/directory/entries?q=dialogi`, {
            headers: { authorization: `Bearer ${staff}` },
          }),
        ],
        ["directory 401", await fetch(`${t.url}/api/directory/entries`)],
        ["series", await fetch(`${t.url}/api/series`, { headers: { authorization: `Bearer ${staff}` } })],
        [
          "messages 400",
          await fetch(`${t.url}/api/messages`, {
            method: "POST",
            body: "{}",
            headers: { "content-type": "application/json" },
          }),
        ],
      ];
      for (const [name, res] of responses) {
        const csp = res.headers.get("content-security-policy") ?? "";
        assert.match(csp, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/, name);
        assert.match(csp, /frame-ancestors [^;]*https:\/\/\*\.cloud\.microsoft/, name);
        assert.match(csp, /default-src 'self'/, name);
        assert.match(csp, /object-src 'none'/, name);
        assert.equal(res.headers.get("x-content-type-options"), "nosniff", name);
      }
      assert.match(responses[0]![1].headers.get("content-type") ?? "", /text\/html/);
    }),
  );

  it(
    "answers oversize bodies with 413 on /api/messages and both tab APIs",
    tracked(GROUP, async () => {
      const staff = await t.signIn("staff-vm");
      const coordinator = await t.sso.mint({ oid: "aad-http-coord" });
      const big = "x".repeat(2 * 1024 * 1024);
      const activity = JSON.stringify({
        ...messageActivity({ serviceUrl: "http://127.0.0.1:9", text: big }),
      });
      const messages = await fetch(`${t.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: activity,
      });
      assert.equal(messages.status, 413);
      const directory = await t.call<{ error: string; message: string }>("/api/directory/entries", {
        method: "POST",
        token: staff,
        body: { orgId: "vm", section: "done", title: big },
      });
      assert.equal(directory.status, 413);
      assert.equal(directory.body.error, "tooLarge");
      const series = await t.call("/api/series", {
        method: "POST",
        token: coordinator,
        body: seriesBody({ question: big }),
      });
      assert.equal(series.status, 413);
    }),
  );

  it(
    "limits tab API writes per user: 429 with Retry-After and a translated message; reads and other users go on",
    tracked(GROUP, async () => {
      const staff = await t.signIn("staff-vm");
      const other = await t.signIn("coordinator");
      // Cheap writes: a malformed If-Match is refused after the limiter has counted the request.
      const write = (token: string, lang = "en") =>
        t.call<{ error: string; message: string }>("/api/directory/entries/vm/no-such-entry", {
          method: "PUT",
          token,
          lang,
          body: { section: "done", title: "x" },
          headers: { "if-match": "*" },
        });
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof write>> | undefined;
      for (let i = 0; i < 100 && !limited; i++) {
        const res = await write(staff);
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      assert.ok(limited, `no 429 after ${statuses.length} writes: ${[...new Set(statuses)]}`);
      assert.ok(statuses.length > 5, "a burst is allowed first");
      const retryAfter = Number(limited.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(limited.body.error, "rateLimited");
      assert.match(limited.body.message, /Too many/);
      assert.match((await write(staff, "fi")).body.message, /liian monta/i);
      // The series API shares the limit (same user).
      const series = await t.call("/api/series", { method: "POST", token: staff, body: seriesBody() });
      assert.equal(series.status, 429);
      // Reads are not limited; another user is not affected.
      assert.equal((await t.call("/api/directory/entries?q=dialogi", { token: staff })).status, 200);
      assert.notEqual((await write(other)).status, 429);
      // The bucket refills.
      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
      assert.notEqual((await write(staff)).status, 429);
      return `rate limit: 429 after ${statuses.length - 1} writes, Retry-After ${retryAfter} s`;
    }),
  );
});
