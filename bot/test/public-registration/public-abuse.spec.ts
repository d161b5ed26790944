import assert from "node:assert/strict";
import { arrangeDialogue, rowsOf } from "../../testing/arrange";
import {
  hiddenInputs,
  mailsTo,
  postForm,
  startPublicApp,
  submitRegistration,
  type PublicApp,
  waitForMail,
} from "./helpers";

/** Abuse controls and bad input on the public page, against the real server (default time check). */
describe("public registration: abuse controls and bad input", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let dialogueId = "";

  before(async () => {
    pub = await startPublicApp({
      overrides: {
        publicLimits: {
          minFillMs: 0,
          perIp: { burst: 1000, perSecond: 1000 },
          perEmail: { burst: 2, perSecond: 1 / 600 },
        },
      },
    });
    dialogueId = (await arrangeDialogue(pub.app.app.store, { audience: "public", languages: ["fi", "sv"] }))
      .id;
  });
  after(() => pub.close());

  it("a filled honeypot gets the same answer as everyone, but no mail and no row", async () => {
    const rows = () => rowsOf(pub.app.app.store, "PublicRegistrants", dialogueId);
    const before = new Set((await rows()).map((r) => String(r.rowKey)));
    const res = await submitRegistration(
      pub.app.url,
      dialogueId,
      { name: "Bot", email: "bot@example.org" },
      { website: "http://spam" },
    );
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Tarkista sähköpostisi/);
    // A person registering right after gets a mail and a row: once that has happened, the bot's
    // would have too.
    const person = await submitRegistration(pub.app.url, dialogueId, {
      name: "Henkilö",
      email: "person.after@example.org",
    });
    assert.equal(person.status, 200);
    await waitForMail(pub.outbox, "person.after@example.org", () => true);
    // Each registration adds one address index row (`e-<HMAC>`) and its pending row.
    const added = (await rows()).filter((r) => !before.has(String(r.rowKey)));
    assert.equal(
      added.filter((r) => String(r.rowKey).startsWith("e-")).length,
      1,
      "an address row for the person only, none for the bot",
    );
    assert.ok(!JSON.stringify(added).includes("bot@example.org"), "no row holds the bot's address");
    assert.deepEqual(await mailsTo(pub.outbox, "bot@example.org"), []);
  });

  it("bad fields: 400, errors in a summary and next to each field, the typed values kept", async () => {
    const res = await submitRegistration(
      pub.app.url,
      dialogueId,
      {
        name: "Ville\u202eValhe",
        email: "not-an-address",
        organisation: "Järjestö & co <b>",
        language: "en",
      },
      { acceptRules: "" },
    );
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /<title>Virhe:/);
    assert.match(page, /Tarkista seuraavat kohdat/);
    assert.match(page, /id="f-name-error"[^>]*>Tekstissä on näkymättömiä merkkejä/);
    assert.match(page, /id="f-email-error"[^>]*>Anna sähköpostiosoite/);
    assert.match(page, /id="f-language-error"/);
    assert.match(page, /id="f-acceptRules-error"/);
    assert.match(page, /aria-invalid="true"/);
    assert.match(page, /value="not-an-address"/);
    assert.match(page, /value="Järjestö &amp; co &lt;b&gt;"/, "kept and escaped");
  });

  it("oversize bodies (413), other content types (415) and oversize fields are refused with a clear page", async () => {
    const page = hiddenInputs(await (await fetch(`${pub.app.url}/register/${dialogueId}`)).text());
    const big = await postForm(`${pub.app.url}/register/${dialogueId}`, {
      ...page,
      accessibility: "x".repeat(20_000),
    });
    assert.equal(big.status, 413);
    assert.match(await big.text(), /liian suuri/);
    const multipart = await fetch(`${pub.app.url}/register/${dialogueId}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "name=x",
    });
    assert.equal(multipart.status, 415);
    const long = await submitRegistration(pub.app.url, dialogueId, {
      name: "N".repeat(101),
      email: "long@example.org",
    });
    assert.equal(long.status, 400);
    assert.match(await long.text(), /Enintään 100 merkkiä/);
  });

  it("forged or tampered form tokens and links are refused", async () => {
    const forged = await submitRegistration(
      pub.app.url,
      dialogueId,
      { name: "F", email: "f@example.org" },
      { ft: "1.abc" },
    );
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /liian nopeasti/);
    for (const path of [
      "confirm?p=" + "0".repeat(32) + "&e=9999999999999&t=x",
      "manage?u=ext-" + "a".repeat(26) + "&e=9999999999999&t=x",
    ]) {
      const res = await fetch(`${pub.app.url}/register/${dialogueId}/${path}`);
      assert.equal(res.status, 404, path);
      assert.match(await res.text(), /Linkki on virheellinen/);
    }
  });

  it("per-address limit: the same mailbox gets at most a few mails, then 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await submitRegistration(pub.app.url, dialogueId, {
        name: "Rita",
        email: "rita@example.org",
      });
      statuses.push(res.status);
      if (res.status === 429) assert.ok(Number(res.headers.get("retry-after")) > 0);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
    // The second submit is the same decision as the first (stable-mail-keys.spec.ts): one mail.
    assert.equal((await mailsTo(pub.outbox, "rita@example.org")).length, 1);
  });

  it("the page follows Accept-Language and the switch, with the lang attribute set", async () => {
    const sv = await (
      await fetch(`${pub.app.url}/register/${dialogueId}`, {
        headers: { "accept-language": "sv-FI,sv;q=0.9" },
      })
    ).text();
    assert.match(sv, /<html lang="sv"/);
    assert.match(sv, /Anmäl dig/);
    const en = await (
      await fetch(`${pub.app.url}/register/${dialogueId}?lang=en`, { headers: { "accept-language": "sv" } })
    ).text();
    assert.match(en, /<html lang="en"/);
    assert.match(en, /Privacy notice/);
    assert.match(en, /href="\/register\/d-[a-z2-9]{8}\?lang=fi" lang="fi"/);
  });
});

describe("public registration: time check and per-IP limit (default settings)", function () {
  this.timeout(30_000);
  let pub: PublicApp;
  before(async () => {
    // startPublicApp lifts the time check unless publicLimits are given: the 3 s default here.
    pub = await startPublicApp({
      overrides: { publicLimits: { minFillMs: 3000, perIp: { burst: 2, perSecond: 1 / 60 } } },
    });
  });
  after(() => pub.close());

  it("a form sent faster than a person could fill it is refused; per-IP bursts get 429", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    const fast = await submitRegistration(pub.app.url, d.id, { name: "Nopea", email: "fast@example.org" });
    assert.equal(fast.status, 400);
    assert.match(await fast.text(), /liian nopeasti/);
    assert.deepEqual(await mailsTo(pub.outbox, "fast@example.org"), []);
    await submitRegistration(pub.app.url, d.id, { name: "Nopea", email: "fast@example.org" });
    const third = await submitRegistration(pub.app.url, d.id, { name: "Nopea", email: "fast@example.org" });
    assert.equal(third.status, 429);
    assert.match(await third.text(), /Liian monta yritystä/);
  });
});
