import assert from "node:assert/strict";
import { arrangeDialogue, ORGANISER, rowsOf } from "../../testing/arrange";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { DEFAULT_MAIL_BUDGET } from "../../src/features/public-registration/index";
import {
  confirmByLink,
  hiddenInputs,
  linkIn,
  mailsTo,
  postForm,
  startPublicApp,
  submitRegistration,
  waitForMail,
  waitForMailCount,
  type PublicApp,
} from "./helpers";
import type { OutboxMail } from "../../src/platform/mail/outbox";

/** The page's form, filled for `email` (the hidden fields of one loaded page are reused). */
const filled = (hidden: Record<string, string>, email: string) => ({
  ...hidden,
  name: "Bot Burst",
  email,
  organisation: "",
  background: "",
  language: "fi",
  accessibility: "",
  acceptRules: "on",
  website: "",
});

/** Runs `count` tasks, `width` at a time; returns their results in order. */
async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const isConfirmRequest = (m: OutboxMail, dialogueId: string) =>
  /Vahvista ilmoittautumisesi/.test(m.subject) && m.text.includes(dialogueId);

/**
 * #26.1: the public form is not a mail cannon. The per-client and per-dialogue buckets are
 * lifted here, so what holds is the durable per-dialogue mail budget (the defaults).
 */
describe("public registration: per-dialogue mail budget, low rate until an organiser confirmed, per-address limit per dialogue", function () {
  this.timeout(180_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  let clock = new Date("2031-01-10T08:05:00Z");
  const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };
  const stranger: Actor = { userId: "aad-budget-stranger", userName: "Sami Muu", locale: "fi-FI" };

  before(async () => {
    pub = await startPublicApp({
      overrides: {
        now: () => clock,
        publicLimits: {
          minFillMs: 0,
          perIp: { burst: 1e6, perSecond: 1e6 },
          perDialogue: { burst: 1e6, perSecond: 1e6 },
        },
        publicMailBudget: DEFAULT_MAIL_BUDGET,
      },
    });
    bot = driver(pub.app, pub.connector);
    for (const a of [organiser, stranger]) await bot.say(a, "help");
  });
  after(() => pub.close());

  const publicDialogue = () =>
    arrangeDialogue(pub.app.app.store, {
      audience: "public",
      capacity: 50,
      start: new Date("2031-02-01T08:00:00Z"),
      end: new Date("2031-02-01T10:00:00Z"),
      deadline: new Date("2031-01-31T08:00:00Z"),
    });

  it("a burst of 1,000 submits to a new page sends at most the low budget (429 beyond it); the legitimate mails are all delivered", async () => {
    const d = await publicDialogue();
    // A real person registered just before the burst.
    const first = await submitRegistration(pub.app.url, d.id, {
      name: "Aino Aito",
      email: "aino@example.org",
    });
    assert.equal(first.status, 200);
    const request = await waitForMail(pub.outbox, "aino@example.org", (m) => /Vahvista/.test(m.subject));

    const hidden = hiddenInputs(await (await fetch(`${pub.app.url}/register/${d.id}`)).text());
    const statuses = await pool(1000, 20, async (i) => {
      const res = await postForm(`${pub.app.url}/register/${d.id}`, filled(hidden, `burst${i}@example.net`));
      const body = await res.text();
      return { status: res.status, body, retry: res.headers.get("retry-after") };
    });
    // Each accepted form is one mail (plus Aino's); the outbox delivers them in the background.
    const accepted = statuses.filter((s) => s.status === 200).length;
    const sent = await waitForMailCount(pub.outbox, accepted + 1, (m) => isConfirmRequest(m, d.id));
    assert.ok(
      sent.length <= DEFAULT_MAIL_BUDGET.unconfirmedPerHour,
      `${sent.length} mails for one new page (budget ${DEFAULT_MAIL_BUDGET.unconfirmedPerHour})`,
    );
    assert.equal(sent.length, accepted + 1, "every accepted submit sent one mail, nothing else was sent");
    const refused = statuses.filter((s) => s.status === 429);
    assert.equal(refused.length + accepted, 1000);
    assert.match(refused[0]!.body, /lähetetty niin monta viestiä/);
    assert.ok(Number(refused[0]!.retry) > 0, "Retry-After");
    const pending = (await rowsOf(pub.app.app.store, "PublicRegistrants", d.id)).filter((r) =>
      String(r.rowKey).startsWith("p-"),
    );
    assert.equal(pending.length, accepted + 1, "a refused submit stores nothing");

    // The person who registered before the burst confirms and is told (not counted: bounded by seats).
    const manage = await confirmByLink(linkIn(request, `/register/${d.id}/confirm`));
    assert.match(await (await fetch(manage)).text(), /Sinulla on paikka/);
    await waitForMail(pub.outbox, "aino@example.org", (m) => /vahvistettu/i.test(m.subject));

    // Once the window is over, the page sends again.
    clock = new Date(clock.getTime() + 3600_000);
    const later = await submitRegistration(pub.app.url, d.id, {
      name: "Bertta Myöhemmin",
      email: "bertta@example.org",
    });
    assert.equal(later.status, 200);
    await waitForMail(pub.outbox, "bertta@example.org", (m) => /Vahvista/.test(m.subject));
  });

  it("the organiser card's 'confirm my address' sends one mail whose link (a button, not the GET) confirms; others are refused", async () => {
    const d = await publicDialogue();
    const refused = await bot.execute(stranger, "publicRegistration.organiserAddress", {
      dialogueId: d.id,
      organiserEmail: "sami@example.net",
    });
    assert.match(String(refused.message), /Vain dialogin järjestäjä/);
    assert.deepEqual(await mailsTo(pub.outbox, "sami@example.net"), []);
    const bad = await bot.execute(organiser, "publicRegistration.organiserAddress", {
      dialogueId: d.id,
      organiserEmail: "olli@",
    });
    assert.match(String(bad.message), /nimi@esimerkki\.fi/);

    const sent = await bot.execute(organiser, "publicRegistration.organiserAddress", {
      dialogueId: d.id,
      organiserEmail: "Olli.Organiser@Example.fi",
    });
    assert.match(String(sent.message), /olli\.organiser@example\.fi/);
    const mail = await waitForMail(pub.outbox, "olli.organiser@example.fi", (m) =>
      /Vahvista osoitteesi/.test(m.subject),
    );
    const link = linkIn(mail, `/register/${d.id}/organiser`);
    const page = await fetch(link);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Vahvista osoitteeni/);
    const isConfirmed = async () =>
      (await rowsOf(pub.app.app.store, "PublicRegistrants", d.id)).some((r) => r.rowKey === "o-confirmed");
    assert.equal(await isConfirmed(), false, "opening the link confirms nothing");
    const done = await postForm(`${pub.app.url}/register/${d.id}/organiser`, hiddenInputs(html));
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Osoitteesi on vahvistettu/);
    assert.equal(await isConfirmed(), true);
    // A tampered link confirms nothing.
    const forged = await postForm(`${pub.app.url}/register/${d.id}/organiser`, {
      ...hiddenInputs(html),
      t: "x",
    });
    assert.equal(forged.status, 404);
  });

  it("once an organiser has confirmed their address the page has the normal budget, and still no more", async () => {
    const d = await publicDialogue();
    await bot.execute(organiser, "publicRegistration.organiserAddress", {
      dialogueId: d.id,
      organiserEmail: "olli@example.fi",
    });
    const mail = await waitForMail(pub.outbox, "olli@example.fi", (m) => m.text.includes(d.id));
    const html = await (await fetch(linkIn(mail, `/register/${d.id}/organiser`))).text();
    assert.equal(
      (await postForm(`${pub.app.url}/register/${d.id}/organiser`, hiddenInputs(html))).status,
      200,
    );
    const hidden = hiddenInputs(await (await fetch(`${pub.app.url}/register/${d.id}`)).text());
    const statuses = await pool(300, 20, async (i) => {
      const res = await postForm(`${pub.app.url}/register/${d.id}`, filled(hidden, `wave${i}@example.net`));
      await res.arrayBuffer();
      return res.status;
    });
    // Each accepted form is one mail; the outbox delivers them in the background.
    const accepted = statuses.filter((s) => s === 200).length;
    const sent = await waitForMailCount(pub.outbox, accepted, (m) => isConfirmRequest(m, d.id));
    assert.ok(sent.length > DEFAULT_MAIL_BUDGET.unconfirmedPerHour, "the normal rate is higher");
    assert.ok(sent.length <= DEFAULT_MAIL_BUDGET.perHour, `${sent.length} > ${DEFAULT_MAIL_BUDGET.perHour}`);
    assert.equal(accepted, sent.length);
  });

  it("the per-address limit is per dialogue: a stranger cannot block a named person from every public page", async () => {
    const a = await publicDialogue();
    const b = await publicDialogue();
    const victim = { name: "Ville Uhri", email: "ville.uhri@example.org" };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await submitRegistration(pub.app.url, a.id, victim)).status);
    assert.equal(statuses.at(-1), 429, "the address's limit on page A");
    // The accepted repeats within minutes are one decision: one mail (stable-mail-keys.spec.ts).
    const onA = await waitForMailCount(pub.outbox, 1, (m) => m.to === victim.email);
    const skip = onA.length;
    const onB = await submitRegistration(pub.app.url, b.id, victim);
    assert.equal(onB.status, 200);
    const mail = await waitForMail(pub.outbox, victim.email, (m) => m.text.includes(b.id), { skip });
    assert.match(mail.subject, /Vahvista/);
  });
});
