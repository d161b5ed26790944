import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { executeActivity } from "../../testing/activities";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createFuzzer, FUZZ_MARKER, type FuzzValue } from "../../testing/fuzz";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { seriesBody } from "../series/api-client";
import { arrangeDialogue, arrangeRunningRound, memberId } from "../../testing/arrange";
import { summaryLine } from "../reliability/report";

const SEED = 20_251_109;
const PER_PATH = 160;
const CONCURRENCY = 8;
const CARD = "application/vnd.microsoft.card.adaptive";

/** Percent-encodes a path segment; lone surrogates become invalid UTF-8 bytes on purpose. */
const segment = (s: string) =>
  s
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
    .join("");

/**
 * Where injected text may appear in a card: as text of a text element, an input's or fact's
 * value, or the card's `speak` (plain text read aloud) — never in a new element or action.
 */
function markerOutsideText(card: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const type = typeof o.type === "string" ? o.type : "";
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "string") {
        if (!v.includes(FUZZ_MARKER)) continue;
        const ok =
          (k === "text" && (type === "TextBlock" || type === "TextRun")) ||
          (k === "speak" && type === "AdaptiveCard") ||
          (k === "value" && (type.startsWith("Input.") || (!type && "title" in o)));
        if (!ok) problems.push(`${path}.${k} (${type || "no type"})`);
      } else walk(v, `${path}.${k}`);
    }
    if (/^Action\./.test(type) && JSON.stringify(o).includes("evil.example"))
      problems.push(`${path}: action`);
  };
  walk(card, "card");
  return problems;
}

/** The dialogue form as Teams merges its inputs into the Action.Execute data. */
const FORM: Record<string, string> = {
  title: "Luottamus",
  description: "Miten luottamus syntyy?",
  themes: "Milloin olet luottanut viranomaiseen?",
  date: "2031-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
  address: "",
  capacity: "20",
  deadlineDate: "2031-03-18",
  deadlineTime: "16:00",
  languages: "fi,sv",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
};

describe("security: fuzzed input on every write path", function () {
  // Correctness under hostile input; time is not what is tested here.
  this.timeout(180_000);
  const fuzz = createFuzzer(SEED);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  const logLines: string[] = [];
  let inputs = 0;
  const failures: string[] = [];
  let staff = "";
  let coordinator = "";
  let openDialogue = "";
  let roundDialogue = "";

  before(async () => {
    connector = await startConnectorRecorder();
    // The per-user write limit would answer most of the fuzz with 429 before validation runs.
    t = await startDirectoryApp({
      logLines,
      env: { LOG_LEVEL: "warn", COORDINATORS: "aad-fuzz-coord" },
      overrides: { writeRate: { burst: 1e9, perSecond: 1e9 } },
    });
    staff = await t.signIn("staff-vm");
    coordinator = await t.sso.mint({ oid: "aad-fuzz-coord" });
    openDialogue = (await arrangeDialogue(t.app.app.store, { capacity: 5 })).id;
    roundDialogue = (await arrangeRunningRound(t.app.app.store, 1, 3)).dialogue.id;
  });
  after(async () => {
    await t.close();
    await connector.close();
    summaryLine("fuzz", `${inputs} inputs, ${failures.length} failures (seed ${SEED})`);
  });

  /** One request of a case; returns problems (empty when the answer is acceptable). */
  type Case = () => Promise<string[]>;

  /** Posts an activity (object or raw text/bytes) and checks the answer. */
  async function postActivity(label: string, body: string | Uint8Array): Promise<string[]> {
    const res = await fetch(`${t.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await res.text();
    if (res.status >= 500) return [`${label}: HTTP ${res.status}`];
    if (res.status !== 200) return [];
    const json = text ? (JSON.parse(text) as { type?: string; value?: unknown }) : {};
    if (json.type === CARD) return markerOutsideText(json.value).map((p) => `${label}: ${p}`);
    return [];
  }
  const execute = (label: string, userId: string, verb: string, data: Record<string, unknown>) =>
    postActivity(
      label,
      JSON.stringify(
        executeActivity({ serviceUrl: connector.serviceUrl, userId, verb, data, locale: "en-US" }),
      ),
    );

  /** Calls the tab API and checks: no 5xx, JSON (never HTML) answers. */
  async function api(
    label: string,
    method: string,
    path: string,
    token: string,
    body: string,
    ifMatch?: string,
  ) {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(ifMatch ? { "if-match": ifMatch } : {}),
      },
      body,
    });
    await res.arrayBuffer();
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`${label}: HTTP ${res.status}`);
    const type = res.headers.get("content-type") ?? "";
    if (res.status !== 204 && !type.includes("json")) problems.push(`${label}: content-type ${type}`);
    return problems;
  }

  async function run(name: string, make: (i: number) => Case): Promise<void> {
    const mine: string[] = [];
    for (let i = 0; i < PER_PATH; i += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, PER_PATH - i) }, (_, j) => make(i + j));
      const results = await Promise.all(
        batch.map((c) => c().catch((err: Error) => [`${name}: ${err.message}`])),
      );
      for (const r of results) mine.push(...r);
      inputs += batch.length;
    }
    const errors = logLines.filter((l) => /"level":"error"/.test(l));
    mine.push(...errors.map((l) => `${name}: error logged ${l.slice(0, 200)}`));
    logLines.length = 0;
    failures.push(...mine);
    assert.deepEqual(mine.slice(0, 10), [], `${mine.length} problems`);
    assert.equal((await fetch(`${t.url}/api/health`)).status, 200, "still healthy");
  }

  const label = (v: FuzzValue) => `${v.label}`;

  it("dialogue.create: hostile form fields", () =>
    run("dialogue.create", () => {
      const field = fuzz.pick(Object.keys(FORM));
      const v = fuzz.random() < 0.7 ? fuzz.text() : fuzz.field();
      const data = {
        ...FORM,
        nonce: randomUUID(),
        [field]: v.value,
        ...(fuzz.random() < 0.5 ? { title: fuzz.text().value } : {}),
      };
      return () => execute(`create ${field} ${label(v)}`, "aad-fuzz-organiser", "dialogue.create", data);
    }));

  it("registration.submit: hostile answers and dialogue ids", () =>
    run("registration.submit", (i) => {
      const id = fuzz.random() < 0.3 ? fuzz.id() : { label: "ok", value: openDialogue };
      const v = fuzz.field();
      const data = {
        dialogueId: id.value,
        language: fuzz.random() < 0.8 ? "fi" : fuzz.field().value,
        acceptRules: "true",
        organisation: v.value,
        accessibility: fuzz.text().value,
        background: fuzz.random() < 0.5 ? "ngo" : fuzz.field().value,
      };
      return () =>
        execute(`register ${label(id)} ${label(v)}`, `aad-fuzz-reg-${i % 20}`, "registration.submit", data);
    }));

  it("notes.save: hostile note text, themes, insights and note ids", () =>
    run("notes.save", () => {
      const v = fuzz.text();
      const data = {
        dialogueId: fuzz.random() < 0.9 ? roundDialogue : fuzz.id().value,
        round: fuzz.random() < 0.9 ? 1 : fuzz.field().value,
        group: 1,
        noteId: fuzz.random() < 0.8 ? randomUUID() : fuzz.id().value,
        text: v.value,
        themes: fuzz.random() < 0.5 ? fuzz.text().value : "luottamus",
        insights: fuzz.random() < 0.5 ? fuzz.field().value : "",
      };
      return () => execute(`notes ${label(v)}`, memberId(roundDialogue, 0), "notes.save", data);
    }));

  it("series.submitRecord and raw bodies: hostile ids, nesting 10,000 deep, invalid UTF-8", () =>
    run("raw", (i) => {
      const kind = i % 4;
      if (kind === 0) {
        const data = {
          seriesId: fuzz.id().value,
          dialogueId: fuzz.id().value,
          version: fuzz.field().value,
          text: fuzz.text().value,
        };
        return () => execute("series.submitRecord", "aad-fuzz-organiser", "series.submitRecord", data);
      }
      const activity = executeActivity({
        serviceUrl: connector.serviceUrl,
        userId: memberId(roundDialogue, 0),
        verb: "notes.save",
        data: { dialogueId: roundDialogue, round: 1, group: 1, noteId: randomUUID(), text: "NESTED" },
      });
      const json = JSON.stringify(activity);
      if (kind === 1)
        return () => postActivity("nested 10000", json.replace('"NESTED"', fuzz.nestedJson(10_000)));
      if (kind === 2) {
        const bytes = Buffer.from(json.replace("NESTED", `${FUZZ_MARKER}@@`), "utf8");
        const at = bytes.indexOf("@@");
        bytes[at] = 0xc3;
        bytes[at + 1] = fuzz.pick([0x28, 0xff, 0xfe]);
        return () => postActivity("invalid utf-8", bytes);
      }
      return () =>
        postActivity("lone surrogate", json.replace("NESTED", `${FUZZ_MARKER}\\ud800\\udfff\\udc00`));
    }));

  it("directory POST /entries: hostile titles, descriptions and themes", () =>
    run("directory POST", (i) => {
      const v = fuzz.text();
      const body =
        i % 10 === 0
          ? fuzz.nestedJson(10_000)
          : JSON.stringify({
              orgId: "vm",
              section: "upcoming",
              title: v.value,
              description: fuzz.text().value,
              themes: [fuzz.text().value],
            });
      return () => api(`directory POST ${label(v)}`, "POST", "/api/directory/entries", staff, body);
    }));

  it("directory PUT /entries/:orgId/:id: hostile ids in the path and bodies", () =>
    run("directory PUT", () => {
      const org = fuzz.random() < 0.5 ? "vm" : String(fuzz.id().value);
      const id = fuzz.id();
      const path = `/api/directory/entries/${segment(org)}/${segment(String(id.value))}`;
      const body = JSON.stringify({ section: "done", title: fuzz.text().value });
      return () =>
        api(
          `directory PUT ${label(id)}`,
          "PUT",
          path,
          staff,
          body,
          fuzz.pick(['"1"', "*", 'W/"x"', "garbage"]),
        );
    }));

  it("series POST: hostile theme, question and materials", () =>
    run("series POST", () => {
      const v = fuzz.text();
      const body = JSON.stringify(
        seriesBody({
          theme: v.value,
          question: fuzz.field().value,
          materials: { invitation: { fi: fuzz.text().value }, discussionGuide: fuzz.field().value },
        }),
      );
      return () => api(`series POST ${label(v)}`, "POST", "/api/series", coordinator, body);
    }));

  it("what the bot sent proactively (invitations) keeps injected text inert", () => {
    const problems = connector
      .activities()
      .flatMap((a) => ((a.attachments as { content?: unknown }[] | undefined) ?? []).map((x) => x.content))
      .flatMap((card) => markerOutsideText(card));
    failures.push(...problems);
    assert.deepEqual(problems.slice(0, 10), []);
  });
});
