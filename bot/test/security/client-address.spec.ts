import assert from "node:assert/strict";
import { addressKey } from "../../src/platform/http/proxy";
import { arrangeDialogue } from "../../testing/arrange";
import { postForm, startPublicApp, type PublicApp } from "../public-registration/helpers";

/**
 * Issue #26 item 2: the public page's per-address limit counts the address the server may
 * believe — the socket, or with TRUST_PROXY the entry App Service's front end appended — never a
 * client-written X-Forwarded-For, and IPv6 clients by their /64.
 */
describe("security: the public page's per-address limit cannot be dodged", function () {
  this.timeout(60_000);

  /** POSTs `n` times to the page with the headers `headersOf(i)` gives; returns the statuses. */
  async function burst(
    pub: PublicApp,
    id: string,
    n: number,
    headersOf: (i: number) => Record<string, string>,
  ) {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await postForm(`${pub.app.url}/register/${id}`, { name: "x" }, headersOf(i));
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  }
  const refused = (statuses: number[]) => statuses.filter((s) => s === 429).length;

  describe("without TRUST_PROXY", () => {
    let pub: PublicApp;
    let id = "";
    before(async () => {
      // The default per-address bucket (burst 20): only the form's time check is off.
      pub = await startPublicApp();
      id = (await arrangeDialogue(pub.app.app.store, { audience: "public" })).id;
    });
    after(() => pub.close());

    it("40 posts from one client, each with a different X-Forwarded-For, are limited like 40 without it", async () => {
      const statuses = await burst(pub, id, 40, (i) => ({ "x-forwarded-for": `198.51.100.${i + 1}` }));
      assert.ok(refused(statuses) >= 20, `only ${refused(statuses)} of 40 refused: ${statuses.join(",")}`);
      assert.deepEqual(
        statuses.slice(0, 20).filter((s) => s === 429),
        [],
        "the first 20 are within the burst",
      );
    });
  });

  describe("with TRUST_PROXY=appservice", () => {
    let pub: PublicApp;
    let id = "";
    before(async () => {
      pub = await startPublicApp({
        env: { TRUST_PROXY: "appservice" },
        overrides: { publicLimits: { minFillMs: 0, perIp: { burst: 5, perSecond: 1 / 600 } } },
      });
      id = (await arrangeDialogue(pub.app.app.store, { audience: "public" })).id;
    });
    after(() => pub.close());

    it("counts the entry the front end appended, not what the client wrote before it", async () => {
      const statuses = await burst(pub, id, 10, (i) => ({
        "x-forwarded-for": `10.0.0.${i + 1}, 203.0.113.${i + 1}, 192.0.2.7:5${i}123`,
      }));
      assert.equal(refused(statuses), 5, statuses.join(","));
    });

    it("counts an IPv6 client by its /64: new addresses in the same /64 are the same client", async () => {
      const statuses = await burst(pub, id, 10, (i) => ({
        "x-forwarded-for": `[2001:db8:aa:bb:${(i + 1).toString(16)}::${i + 7}]:443`,
      }));
      assert.equal(refused(statuses), 5, statuses.join(","));
    });

    it("another client behind the same front end keeps its own budget (never the proxy's address)", async () => {
      // Both earlier tests came through the same socket (the "front end" here): had it counted,
      // every one of these would be refused.
      const statuses = await burst(pub, id, 5, () => ({ "x-forwarded-for": "192.0.2.99:40000" }));
      assert.equal(refused(statuses), 0, statuses.join(","));
      const v6 = await burst(pub, id, 5, () => ({ "x-forwarded-for": "[2001:db8:aa:cc::1]:443" }));
      assert.equal(refused(v6), 0, v6.join(","));
    });
  });

  it("keys addresses: IPv4 as is, IPv6 by /64, IPv4-mapped IPv6 as IPv4", () => {
    assert.equal(addressKey("192.0.2.7"), "192.0.2.7");
    assert.equal(addressKey("2001:db8:aa:bb:1::7"), "2001:db8:aa:bb::/64");
    assert.equal(addressKey("2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff"), "2001:db8:aa:bb::/64");
    assert.equal(addressKey("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(addressKey("::1"), "0:0:0:0::/64");
    assert.equal(addressKey("::ffff:192.0.2.7"), "192.0.2.7");
    assert.equal(addressKey("fe80::1%eth0"), "fe80:0:0:0::/64");
    assert.equal(addressKey(undefined), "unknown");
  });
});
