import assert from "node:assert/strict";
import { executeActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { textOf } from "../dialogues/conversation-helpers";
import { arrangeDialogue, ORGANISER, rowsOf } from "../../testing/arrange";
import { tracked } from "./report";

const SEATS = 100;
const PEOPLE = 500;

describe("faults: a registration race through /api/messages", function () {
  // Registrations to one dialogue serialise on its counter (queued per instance): 500 take ~14 s on
  // an idle 2-core machine; the margin is for a shared one.
  // A correctness test: generous so a busy CI machine cannot fail it on time (speed is a bench figure).
  this.timeout(300_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { LOG_LEVEL: "warn" } });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  const execute = async (userId: string, verb: string, data: Record<string, unknown>) => {
    const res = await app.postActivity(
      executeActivity({ serviceUrl: connector.serviceUrl, userId, userName: userId, verb, data }),
    );
    assert.equal(res.status, 200);
    return (await res.json()) as { type: string; value: unknown };
  };

  it(
    `${PEOPLE} concurrent registrations for ${SEATS} seats: ${SEATS} confirmed, the rest waitlisted, counts agree`,
    tracked("faults", async () => {
      const dialogue = await arrangeDialogue(app.app.store, { capacity: SEATS });
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: PEOPLE }, (_, n) =>
          execute(`aad-racer-${n}`, "registration.submit", {
            dialogueId: dialogue.id,
            language: "fi",
            acceptRules: "true",
          }),
        ),
      );
      const ms = Date.now() - started;
      const texts = answers.map((a) => (typeof a.value === "string" ? a.value : textOf(a.value)));
      const confirmed = texts.filter((t) => /Olet ilmoittautunut/.test(t)).length;
      const waitlisted = texts.filter((t) => /Olet jonossa/.test(t)).length;
      assert.equal(confirmed, SEATS, "confirmed answers");
      assert.equal(waitlisted, PEOPLE - SEATS, "waitlisted answers");

      // The stored rows, the counter row and the organiser's card tell the same story.
      const rows = await rowsOf(app.app.store, "Registrations", dialogue.id);
      const counter = rows.find((r) => r.rowKey === "~counts")!;
      const people = rows.filter((r) => r.rowKey !== "~counts");
      assert.equal(people.length, PEOPLE);
      assert.equal(people.filter((r) => r.status === "confirmed").length, SEATS);
      assert.equal(people.filter((r) => r.status === "waitlisted").length, PEOPLE - SEATS);
      assert.equal(counter.confirmed, SEATS);
      assert.equal(counter.waitlisted, PEOPLE - SEATS);
      assert.equal(new Set(people.map((r) => r.seq)).size, PEOPLE, "unique arrival numbers");
      const manage = await execute(ORGANISER, "dialogue.manage", { dialogueId: dialogue.id });
      const card = textOf(manage.value);
      assert.match(card, new RegExp(`${SEATS} / ${SEATS}`));
      assert.match(card, new RegExp(`Jonossa\\n${PEOPLE - SEATS}`));
      return `race: ${PEOPLE} → ${confirmed} confirmed + ${waitlisted} waitlisted in ${ms} ms`;
    }),
  );
});
