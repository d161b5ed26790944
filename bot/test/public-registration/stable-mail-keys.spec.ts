import assert from "node:assert/strict";
import { arrangeDialogue, ORGANISER } from "../../testing/arrange";
import { waitFor } from "../../testing/outbox-fleet";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import {
  hiddenInputs,
  linkIn,
  mailsTo,
  postForm,
  startPublicApp,
  submitRegistration,
  type PublicApp,
} from "./helpers";

const MINUTE = 60_000;

/**
 * The two mails a stranger's or an organiser's request triggers are keyed by their decision, not
 * at random: a double submit (two tabs, a double click, a retried POST), at once or one after the
 * other, records one mail; a genuinely new request (minutes later, or after the link expired or
 * was used) records a new one. Counted in the durable outbox (rows are written before the request
 * answers) and, once every row is sent, in the mail directory.
 */
describe("public registration: stable keys for the confirmation-request and organiser-address mails", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  let clock = new Date("2031-01-10T08:05:00Z");
  const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };

  before(async () => {
    pub = await startPublicApp({
      overrides: {
        now: () => clock,
        // The per-address limit (3 per 10 minutes) would hide repeats; what is tested is the key.
        publicLimits: { minFillMs: 0, perEmail: { burst: 1e6, perSecond: 1e6 } },
      },
    });
    bot = driver(pub.app, pub.connector);
    await bot.say(organiser, "help");
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

  /** The dialogue's mail rows in the outbox, once none is pending any more. */
  async function mailRows(dialogueId: string) {
    const rows = () => pub.app.app.outbox.outbox.deliveries(dialogueId);
    await waitFor("the mails to leave", async () => (await rows()).every((r) => r.status === "sent"), 20_000);
    return (await rows()).filter((r) => r.label === "mail");
  }

  it("the same address submitted twice, one after the other and at once, gets one mail; minutes later, or after expiry, a new one", async () => {
    const d = await publicDialogue();
    const person = { name: "Tuplan Klikkaaja", email: "tupla@example.org" };
    const submit = async () =>
      assert.equal((await submitRegistration(pub.app.url, d.id, person)).status, 200);

    await submit();
    await submit();
    assert.equal((await mailRows(d.id)).length, 1, "a second submit at once records no second mail");
    assert.equal((await mailsTo(pub.outbox, person.email)).length, 1);

    // Minutes later the link may go to the mailbox again (lost, in spam): once, even when the
    // submit is doubled at the same moment.
    clock = new Date(clock.getTime() + 6 * MINUTE);
    await Promise.all([submit(), submit()]);
    assert.equal((await mailRows(d.id)).length, 2, "two submits at once record one new mail");
    await submit();
    assert.equal((await mailRows(d.id)).length, 2);
    const mails = await mailsTo(pub.outbox, person.email);
    assert.equal(mails.length, 2);
    assert.equal(linkIn(mails[1]!, "/confirm"), linkIn(mails[0]!, "/confirm"), "the same link again");

    // After the link expired, a submit starts a new registration: a new link.
    clock = new Date(clock.getTime() + 31 * MINUTE);
    await submit();
    assert.equal((await mailRows(d.id)).length, 3);
    const third = (await mailsTo(pub.outbox, person.email))[2]!;
    assert.notEqual(linkIn(third, "/confirm"), linkIn(mails[0]!, "/confirm"));
  });

  it("two concurrent submits of a new address get one mail", async () => {
    const d = await publicDialogue();
    const person = { name: "Kaksi Välilehteä", email: "kaksi@example.org" };
    const answers = await Promise.all([1, 2].map(() => submitRegistration(pub.app.url, d.id, person)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    assert.equal((await mailRows(d.id)).length, 1);
    assert.equal((await mailsTo(pub.outbox, person.email)).length, 1);
  });

  it("the organiser's 'confirm my address' twice (and twice at once) mails once; after the link is used, a new request mails again", async () => {
    const d = await publicDialogue();
    const email = "olli.tupla@example.fi";
    const ask = () =>
      bot.execute(organiser, "publicRegistration.organiserAddress", {
        dialogueId: d.id,
        organiserEmail: email,
      });

    await ask();
    await ask();
    await Promise.all([ask(), ask()]);
    assert.equal((await mailRows(d.id)).length, 1, "one open request, one mail");
    const [first] = await mailsTo(pub.outbox, email);
    assert.ok(first);
    assert.equal((await mailsTo(pub.outbox, email)).length, 1);

    // The link is used: the address is confirmed. Asking again is a new request with a new link.
    const html = await (await fetch(linkIn(first, `/register/${d.id}/organiser`))).text();
    const used = hiddenInputs(html);
    assert.equal((await postForm(`${pub.app.url}/register/${d.id}/organiser`, used)).status, 200);
    clock = new Date(clock.getTime() + MINUTE);
    await ask();
    assert.equal((await mailRows(d.id)).length, 2);
    const second = (await mailsTo(pub.outbox, email))[1]!;
    assert.notEqual(linkIn(second, "/organiser"), linkIn(first, "/organiser"));
    // The used link does not stand in for the new request.
    assert.equal((await postForm(`${pub.app.url}/register/${d.id}/organiser`, used)).status, 404);
  });
});
