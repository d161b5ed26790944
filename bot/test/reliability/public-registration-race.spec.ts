import assert from "node:assert/strict";
import { executeActivity } from "../../testing/activities";
import { arrangeDialogue, rowsOf } from "../../testing/arrange";
import { forEachLimit } from "../../src/platform/concurrency";
import {
  linkIn,
  postForm,
  startPublicApp,
  submitRegistration,
  waitForMailCount,
  type PublicApp,
} from "../public-registration/helpers";
import { tracked } from "./report";

const SEATS = 100;
const PUBLIC = 300;
const TEAMS = 300;

describe("faults: one seat pool under a mixed race (public page + Teams)", function () {
  // 600 seat changes serialise on the dialogue's counter; a confirm also writes the person's
  // address row and a mail, so this takes minutes on a shared 2-core machine.
  this.timeout(480_000);
  let pub: PublicApp;
  before(async () => {
    pub = await startPublicApp({
      env: { LOG_LEVEL: "warn" },
      overrides: {
        publicLimits: {
          minFillMs: 0,
          perIp: { burst: 10_000, perSecond: 1000 },
          perDialogue: { burst: 10_000, perSecond: 1000 },
        },
      },
    });
  });
  after(() => pub.close());

  it(
    `${PUBLIC} public + ${TEAMS} Teams registrations for ${SEATS} seats: exactly ${SEATS} confirmed, the rest waitlisted in arrival order, counter = rows`,
    tracked("faults", async () => {
      const d = await arrangeDialogue(pub.app.app.store, { capacity: SEATS, audience: "public" });
      const emails = Array.from({ length: PUBLIC }, (_, n) => `racer${n}@example.org`);
      // Pending registrations first (no seat yet), then every confirm races the Teams submits.
      await forEachLimit(emails, 16, async (email) => {
        const res = await submitRegistration(pub.app.url, d.id, { name: email, email });
        assert.equal(res.status, 200);
      });
      // One confirm request each; the outbox delivers them in the background.
      const mails = await waitForMailCount(
        pub.outbox,
        PUBLIC,
        (m) => m.text.includes(`/register/${d.id}/confirm`),
        { ms: 120_000 },
      );
      const confirms = emails.map((email) => {
        const link = new URL(
          linkIn(
            mails.find((m) => m.to === email)!,
            `/register/${d.id}/confirm`,
          ),
        );
        return Object.fromEntries(link.searchParams);
      });
      const counter0 = (await rowsOf(pub.app.app.store, "Registrations", d.id)).find(
        (r) => r.rowKey === "~counts",
      );
      assert.equal(counter0, undefined, "pending registrations hold no seats");

      const started = Date.now();
      const jobs: (() => Promise<void>)[] = [];
      for (let n = 0; n < Math.max(PUBLIC, TEAMS); n++) {
        if (n < PUBLIC)
          jobs.push(async () => {
            const res = await postForm(`${pub.app.url}/register/${d.id}/confirm`, confirms[n]!);
            assert.equal(res.status, 303, `confirm ${n}`);
          });
        if (n < TEAMS)
          jobs.push(async () => {
            const res = await pub.app.postActivity(
              executeActivity({
                serviceUrl: pub.connector.serviceUrl,
                userId: `aad-mixed-${n}`,
                userName: `Racer ${n}`,
                verb: "registration.submit",
                data: { dialogueId: d.id, language: "fi", acceptRules: "true" },
              }),
            );
            assert.equal(res.status, 200, `teams ${n}`);
          });
      }
      await Promise.all(jobs.map((j) => j()));
      const ms = Date.now() - started;

      const rows = await rowsOf(pub.app.app.store, "Registrations", d.id);
      const counter = rows.find((r) => r.rowKey === "~counts")!;
      const people = rows.filter((r) => r.rowKey !== "~counts");
      const external = people.filter((r) => /^ext-/.test(String(r.rowKey)));
      assert.equal(people.length, PUBLIC + TEAMS);
      assert.equal(external.length, PUBLIC);
      const confirmed = people.filter((r) => r.status === "confirmed");
      const waitlisted = people.filter((r) => r.status === "waitlisted");
      assert.equal(confirmed.length, SEATS, "never overbooked");
      assert.equal(waitlisted.length, PUBLIC + TEAMS - SEATS);
      assert.equal(counter.confirmed, confirmed.length, "counter = confirmed rows");
      assert.equal(counter.waitlisted, waitlisted.length, "counter = waitlisted rows");
      const seqs = people.map((r) => Number(r.seq));
      assert.equal(new Set(seqs).size, people.length, "unique arrival numbers");
      // Arrival order: every seat went to someone who arrived before everyone waiting.
      const lastSeated = Math.max(...confirmed.map((r) => Number(r.seq)));
      const firstWaiting = Math.min(...waitlisted.map((r) => Number(r.seq)));
      assert.ok(lastSeated < firstWaiting, `seated up to #${lastSeated}, waiting from #${firstWaiting}`);
      // Both pools take their arrival numbers from the one counter: 1..N without a gap, and the
      // counter's last number is N (a pool numbering on its own would leave gaps or overrun it).
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        Array.from({ length: people.length }, (_, i) => i + 1),
        "arrival numbers 1..N from the shared counter",
      );
      assert.equal(Number(counter.seq), people.length, "the counter's last arrival number");

      // Promotion crosses the pools: the first in line gets a freed seat, Teams or public.
      const teamsSeat = confirmed.find((r) => !/^ext-/.test(String(r.rowKey)))!;
      const next = [...waitlisted].sort((a, b) => Number(a.seq) - Number(b.seq))[0]!;
      const cancel = await pub.app.postActivity(
        executeActivity({
          serviceUrl: pub.connector.serviceUrl,
          userId: String(teamsSeat.rowKey),
          verb: "registration.cancel",
          data: { dialogueId: d.id },
        }),
      );
      assert.equal(cancel.status, 200);
      const after = await rowsOf(pub.app.app.store, "Registrations", d.id);
      assert.equal(
        after.find((r) => r.rowKey === next.rowKey)!.status,
        "confirmed",
        "first in line promoted",
      );
      assert.equal(after.find((r) => r.rowKey === "~counts")!.confirmed, SEATS);
      return `mixed race: ${PUBLIC} public + ${TEAMS} Teams → ${confirmed.length} confirmed (${confirmed.filter((r) => /^ext-/.test(String(r.rowKey))).length} public) in ${ms} ms`;
    }),
  );
});
