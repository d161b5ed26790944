import assert from "node:assert/strict";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  driver,
  executeAction,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { eventually, personalActivities, tableRows } from "../rounds/helpers";
import { tracked } from "../reliability/report";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { MetricReader } from "@opentelemetry/sdk-metrics";

/** Reads metrics on demand (collect()), for the telemetry check. */
class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const GROUP = "security/privacy";
// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
const SECRET = "Salainen lause 7731";
const organiser: Actor = { userId: "aad-priv-organiser", userName: "Orvokki Oinonen", locale: "fi-FI" };
const PEOPLE: (Actor & { scribe: boolean; organisation: string })[] = [
  ["Pirkko Pökkylä", true, "Pökkylän Puutarha Oy"],
  ["Seppo Saarenmaa", false, "Saarenmaan säätiö"],
  ["Tuula Törmänen", false, "Törmäsen talo"],
  ["Marja Myllärinen", true, "Myllärisen mylly"],
  ["Kalle Kuusikoski", false, "Kuusikosken kylä"],
  ["Liisa Lahtela", false, "Lahtelan lukio"],
].map(([userName, scribe, organisation], i) => ({
  userId: `aad-priv-${i}`,
  userName: userName as string,
  locale: "fi-FI",
  scribe: scribe as boolean,
  organisation: organisation as string,
}));
const NAMES = [organiser, ...PEOPLE].flatMap((p) => [p.userName, ...p.userName.split(" ")]);

const FORM = {
  title: "Yksityisyys",
  description: "Miten luottamus syntyy?",
  themes: "Milloin olet luottanut viranomaiseen?",
  date: "2031-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_p%40thread.v2/0",
  address: "",
  capacity: "20",
  deadlineDate: "2031-03-18",
  deadlineTime: "16:00",
  languages: "fi",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
};

describe("security: privacy of notes, summaries and logs", function () {
  this.timeout(30_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  const logLines: string[] = [];
  let dialogueId = "";
  const spans = new InMemorySpanExporter();
  const metricReader = new OnDemandMetricReader();
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      logLines,
      env: { PUBLIC_URL, JOB_POLL_MS: "50", LOG_LEVEL: "debug" },
      overrides: { telemetry: { spanExporter: spans, metricReader } },
    });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it(
    "a full flow (create, register, round, notes, summary) leaves no author on notes and no names in the summary or logs",
    tracked(GROUP, async () => {
      const bot = driver(app, connector);
      for (const a of [organiser, ...PEOPLE]) await bot.say(a, "apua");
      const [form] = await bot.say(organiser, "uusi dialogi");
      const create = executeAction(cardOf(form), "dialogue.create")!;
      const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...FORM });
      dialogueId = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
      for (const p of PEOPLE) {
        const r = await bot.execute(p, "registration.submit", {
          dialogueId,
          language: "fi",
          organisation: p.organisation,
          accessibility: `${p.userName} tarvitsee induktiosilmukan`,
          scribe: String(p.scribe),
          acceptRules: "true",
        });
        valid(r.card, r);
      }
      const controls = (verb: string, data: Record<string, unknown> = {}) =>
        bot.execute(organiser, verb, { dialogueId, ...data });
      // The dialogue is scheduled in the future: the early start is confirmed, as on the card.
      valid((await controls("round.startDialogue", { confirmEarly: true })).card);
      valid((await controls("round.form", { round: 1 })).card);
      const mark = connector.calls.length;
      valid((await controls("round.start", { round: 1 })).card);
      const scribes = await eventually("notes cards", () => {
        const got = PEOPLE.flatMap((p) =>
          personalActivities(connector, p.userId, mark)
            .filter((a) => Array.isArray(a.attachments))
            .map((a) => ({ p, card: cardOf(a) }))
            .filter(({ card }) => executeAction(card, "notes.save")),
        );
        return got.length >= 1 && got;
      });
      for (const { p, card } of scribes) {
        const r = await bot.execute(p, "notes.save", {
          ...executeAction(card, "notes.save")!.data,
          text: `${SECRET}: ${PEOPLE[1]!.userName} ja ${PEOPLE[2]!.userName.split(" ")[0]} kertoivat luottamuksesta.`,
          themes: "luottamus",
          insights: `${PEOPLE[4]!.userName} ehdotti selkeää kieltä`,
        });
        valid(r.card, r);
      }

      // Notes rows: where they belong and what they say — nothing about who wrote them.
      const notes = (await tableRows(app, "Notes", dialogueId)).filter((r) => /^r\d/.test(String(r.rowKey)));
      assert.equal(notes.length, scribes.length);
      const ids = [organiser, ...PEOPLE].map((p) => p.userId);
      for (const row of notes) {
        assert.deepEqual(
          Object.keys(row).filter((k) => /user|author|aad|name|writer|by$/i.test(k)),
          [],
        );
        const values = JSON.stringify(row);
        for (const s of [...ids, ...NAMES]) assert.ok(!values.includes(s), `"${s}" in a note row`);
      }

      // The summary card and its downloads.
      const endMark = connector.calls.length;
      valid((await controls("round.endDialogue")).card);
      const summary = await eventually("summary", () =>
        personalActivities(connector, organiser.userId, endMark)
          .filter((a) => Array.isArray(a.attachments))
          .map((a) => cardOf(a))
          .find((c) => /Yhteenveto/.test(textOf(c))),
      );
      const bodies = [JSON.stringify(summary)];
      for (const a of findAll(summary, "Action.OpenUrl")) {
        const url = String(a.url);
        const res = await fetch(app.url + url.slice(PUBLIC_URL.length));
        assert.equal(res.status, 200, url);
        if (url.includes(".docx")) {
          const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
          bodies.push(await zip.file("word/document.xml")!.async("string"));
        } else bodies.push(await res.text());
      }
      assert.ok(
        bodies.some((b) => b.includes(SECRET)),
        "the summary carries the notes",
      );
      for (const b of bodies) for (const n of NAMES) assert.ok(!b.includes(n), `"${n}" in the summary`);

      // Logs: ids and counts only.
      assert.ok(logLines.length >= 10, `logs were captured (${logLines.length})`);
      const log = logLines.join("\n");
      for (const s of [
        SECRET,
        "luottamuksesta",
        "induktiosilmukan",
        ...NAMES,
        ...PEOPLE.map((p) => p.organisation),
      ])
        assert.ok(!log.includes(s), `"${s}" in the logs`);
      // Telemetry: spans for the bot, the HTTP API, Tables, the connector and jobs, metrics for
      // notes and registrations — and none of the flow's text, names or organisations in them.
      const finished = spans.getFinishedSpans();
      const names = new Set(finished.map((s) => s.name));
      for (const n of ["bot.activity", "tables.upsertEntity", "connector.send", "job.run"])
        assert.ok(names.has(n), `a "${n}" span (got ${[...names].join(", ")})`);
      assert.ok(
        finished.some(
          (s) =>
            /^GET \/api\/dialogues|^GET \/api\/summaries|^GET \//.test(s.name) && s.attributes["http.route"],
        ),
        "an HTTP server span named by its route template",
      );
      const activity = finished.find(
        (s) => s.name === "bot.activity" && s.attributes["activity.verb"] === "notes.save",
      );
      assert.ok(activity, "the notes.save invoke has a span");
      assert.ok(
        finished.some(
          (s) =>
            s.name.startsWith("tables.") && s.parentSpanContext?.spanId === activity.spanContext().spanId,
        ),
        "Tables calls nest under the activity's span",
      );
      const { resourceMetrics } = await metricReader.collect();
      const metricSums = new Map<string, number>();
      for (const scope of resourceMetrics.scopeMetrics)
        for (const m of scope.metrics)
          metricSums.set(
            m.descriptor.name,
            m.dataPoints.reduce((n, p) => n + (typeof p.value === "number" ? p.value : 0), 0),
          );
      assert.equal(metricSums.get("dialogi.notes.saved"), scribes.length);
      assert.equal(metricSums.get("dialogi.registrations"), PEOPLE.length);
      assert.ok(
        logLines.some((l) => /"traceId":"[0-9a-f]{32}"/.test(l)),
        "logs carry trace ids",
      );
      const exported = JSON.stringify([
        finished.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
        resourceMetrics.scopeMetrics.map((s) => s.metrics.map((m) => m.dataPoints.map((p) => p.attributes))),
      ]);
      for (const s of [
        SECRET,
        "luottamuksesta",
        "induktiosilmukan",
        ...NAMES,
        ...PEOPLE.map((p) => p.organisation),
        ...[organiser, ...PEOPLE].map((p) => p.userId),
      ])
        assert.ok(!exported.includes(s), `"${s}" in telemetry`);
      return `privacy: ${notes.length} notes, ${bodies.length} summary outputs, ${logLines.length} log lines, ${finished.length} spans clean`;
    }),
  );
});
