import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { executeActivity } from "../../testing/activities";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createFuzzer, FUZZ_MARKER, type FuzzValue } from "../../testing/fuzz";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { seriesBody } from "../series/api-client";
import { arrangeDialogue, arrangeRunningRound, memberId } from "../../testing/arrange";
import { summaryLine } from "../reliability/report";
import { cardTexts } from "../../testing/card-validation";
import { isMessageIn, languagesIn } from "../../testing/language-oracle";
import type { Language } from "../../src/platform/i18n/i18n";

const SEED = 20_251_109;
const PER_PATH = 160;
const CONCURRENCY = 8;
const CARD = "application/vnd.microsoft.card.adaptive";
const LOCALES: Record<Language, string> = { fi: "fi-FI", sv: "sv-SE", en: "en-US" };
/** Tables a write path may change (ConversationRefs, Jobs and Audit follow any turn or write). */
const WATCHED = [
  "Dialogues",
  "Registrations",
  "Groups",
  "Notes",
  "Entries",
  "Series",
  "Organisations",
  "Memberships",
];
/** What must never be stored: controls (except tab and line feed), bidi overrides, lone surrogates. */
const UNCLEAN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a run may change: which partitions, and how many new rows of a kind its successes made. */
interface Expectation {
  /** Partition keys that may change (undefined: any). */
  partitions?: () => string[];
  /**
   * New rows (with this row key, if given) — or new partitions — of `table` must equal `count()`,
   * the answers that said "done".
   */
  created?: { table: string; rowKey?: string; partitions?: boolean; count: () => number };
}

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

  let dialoguesCreated = 0;
  const created = new Map<string, number>();

  /**
   * Posts an activity (object or raw text/bytes) and checks the answer: no 5xx, injected text
   * inert, and — for a turn in `lang` — every word the bot says is in that language.
   */
  async function postActivity(label: string, body: string | Uint8Array, lang?: Language): Promise<string[]> {
    const res = await fetch(`${t.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await res.text();
    if (res.status >= 500) return [`${label}: HTTP ${res.status}`];
    if (res.status !== 200) return [];
    const json = text ? (JSON.parse(text) as { type?: string; value?: unknown }) : {};
    const problems: string[] = [];
    if (json.type === CARD) {
      problems.push(...markerOutsideText(json.value).map((p) => `${label}: ${p}`));
      if (JSON.stringify(json.value).includes('"dialogue.edit"')) dialoguesCreated++;
    }
    if (lang) {
      const said = json.type === CARD ? cardTexts(json.value).join("\n") : String(json.value ?? "");
      const found = languagesIn(said);
      if (found.length !== 1 || found[0] !== lang)
        problems.push(`${label}: answer for ${lang} is in [${found}]: ${said.slice(0, 160)}`);
    }
    return problems;
  }
  const execute = (label: string, userId: string, verb: string, data: Record<string, unknown>) => {
    const lang = fuzz.pick(["fi", "sv", "en"] as const);
    const activity = executeActivity({
      serviceUrl: connector.serviceUrl,
      userId,
      verb,
      data,
      locale: LOCALES[lang],
    });
    return postActivity(`${label} (${lang})`, JSON.stringify(activity), lang);
  };

  /**
   * Calls the tab API and checks: no 5xx, JSON (never HTML) answers, errors in the caller's
   * language, and a 400 names only the fields the input could have broken (`fields`).
   */
  async function api(
    label: string,
    method: string,
    path: string,
    token: string,
    body: string,
    options: { ifMatch?: string; fields: readonly string[]; counter?: string },
  ) {
    const lang = fuzz.pick(["fi", "sv", "en"] as const);
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "accept-language": lang,
        ...(options.ifMatch ? { "if-match": options.ifMatch } : {}),
      },
      body,
    });
    const text = await res.text();
    label = `${label} (${lang}, ${res.status})`;
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`${label}: HTTP ${res.status}`);
    const type = res.headers.get("content-type") ?? "";
    if (res.status !== 204 && !type.includes("json")) problems.push(`${label}: content-type ${type}`);
    if (res.status === 201 && options.counter)
      created.set(options.counter, (created.get(options.counter) ?? 0) + 1);
    if (res.status >= 400 && type.includes("json")) {
      const err = JSON.parse(text) as { message?: string; fields?: Record<string, string> };
      if (!isMessageIn(String(err.message), lang))
        problems.push(`${label}: message not in ${lang}: ${err.message}`);
      if (res.status === 400 && err.fields) {
        const names = Object.keys(err.fields);
        if (names.length === 0) problems.push(`${label}: 400 names no field`);
        for (const [field, message] of Object.entries(err.fields)) {
          if (!options.fields.includes(field.split(/[.[]/)[0]!))
            problems.push(`${label}: field ${field} was not fuzzed (${options.fields})`);
          if (!isMessageIn(message, lang))
            problems.push(`${label}: ${field} message not in ${lang}: ${message}`);
        }
      }
    }
    return problems;
  }

  type Rows = Map<string, string>;
  /** Every row of the watched tables (system properties dropped), keyed table|pk|rk. */
  async function snapshot(): Promise<Rows> {
    const rows: Rows = new Map();
    for (const table of WATCHED) {
      for await (const e of t.app.app.store.table(table as never).listEntities()) {
        const { etag: _e, timestamp: _t, ...rest } = e as Record<string, unknown>;
        rows.set(`${table}|${e.partitionKey}|${e.rowKey}`, JSON.stringify(rest));
      }
    }
    return rows;
  }

  /** Rows that differ, checked against what the run was allowed to change. */
  function stateProblems(name: string, before: Rows, after: Rows, expect: Expectation): string[] {
    const problems: string[] = [];
    const allowed = expect.partitions?.();
    const c = expect.created;
    const oldPartitions = new Set([...before.keys()].map((k) => k.split("|").slice(0, 2).join("|")));
    const fresh = new Set<string>();
    for (const [key, row] of after) {
      if (before.get(key) === row) continue;
      const [table, pk, rk] = key.split("|") as [string, string, string];
      if (!before.has(key) && c && table === c.table && (c.rowKey === undefined || rk === c.rowKey)) {
        if (!c.partitions) fresh.add(key);
        else if (!oldPartitions.has(`${table}|${pk}`)) fresh.add(`${table}|${pk}`);
      }
      // "by-<tenant>-<user>" rows index an organiser's dialogues; they follow any change of them.
      if (allowed && !allowed.includes(pk) && !pk.startsWith("by-"))
        problems.push(`${name}: ${table} partition ${pk} changed`);
      for (const [prop, v] of Object.entries(JSON.parse(row) as Record<string, unknown>))
        if (typeof v === "string" && UNCLEAN.test(v))
          problems.push(`${name}: unclean text stored in ${key}.${prop}`);
    }
    for (const key of before.keys()) if (!after.has(key)) problems.push(`${name}: ${key} deleted`);
    if (c && fresh.size !== c.count())
      problems.push(`${name}: ${fresh.size} new ${c.table} rows/partitions for ${c.count()} successes`);
    return problems;
  }

  async function run(name: string, make: (i: number) => Case, expect: Expectation = {}): Promise<void> {
    const mine: string[] = [];
    dialoguesCreated = 0;
    created.clear();
    const before = await snapshot();
    for (let i = 0; i < PER_PATH; i += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, PER_PATH - i) }, (_, j) => make(i + j));
      const results = await Promise.all(
        batch.map((c) => c().catch((err: Error) => [`${name}: ${err.message}`])),
      );
      for (const r of results) mine.push(...r);
      inputs += batch.length;
    }
    mine.push(...stateProblems(name, before, await snapshot(), expect));
    const errors = logLines.filter((l) => /"level":"error"/.test(l));
    mine.push(...errors.map((l) => `${name}: error logged ${l.slice(0, 200)}`));
    logLines.length = 0;
    failures.push(...mine);
    assert.deepEqual(mine.slice(0, 10), [], `${mine.length} problems`);
    assert.equal((await fetch(`${t.url}/api/health`)).status, 200, "still healthy");
  }

  const label = (v: FuzzValue) => `${v.label}`;

  it("dialogue.create: hostile form fields", () =>
    run(
      "dialogue.create",
      () => {
        const field = fuzz.pick(Object.keys(FORM));
        const v = fuzz.random() < 0.7 ? fuzz.text() : fuzz.field();
        const data = {
          ...FORM,
          nonce: randomUUID(),
          [field]: v.value,
          ...(fuzz.random() < 0.5 ? { title: fuzz.text().value } : {}),
        };
        return () => execute(`create ${field} ${label(v)}`, "aad-fuzz-organiser", "dialogue.create", data);
      },
      { created: { table: "Dialogues", rowKey: "meta", count: () => dialoguesCreated } },
    ));

  it("registration.submit: hostile answers and dialogue ids", () =>
    run(
      "registration.submit",
      (i) => {
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
      },
      { partitions: () => [openDialogue] },
    ));

  it("notes.save: hostile note text, themes, insights and note ids", () =>
    run(
      "notes.save",
      () => {
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
      },
      { partitions: () => [roundDialogue] },
    ));

  it("series.submitRecord and raw bodies: hostile ids, nesting 10,000 deep, invalid UTF-8", () =>
    run(
      "raw",
      (i) => {
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
      },
      { partitions: () => [roundDialogue] },
    ));

  it("directory POST /entries: hostile titles, descriptions and themes", () =>
    run(
      "directory POST",
      (i) => {
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
        return () =>
          api(`directory POST ${label(v)}`, "POST", "/api/directory/entries", staff, body, {
            // Nested JSON replaces the whole body: its unknown field "a", or the required ones it lacks.
            fields: [
              "orgId",
              "section",
              "title",
              "description",
              "themes",
              ...(i % 10 === 0 ? ["body", "a"] : []),
            ],
            counter: "entries",
          });
      },
      { created: { table: "Entries", count: () => created.get("entries") ?? 0 } },
    ));

  it("directory PUT /entries/:orgId/:id: hostile ids in the path and bodies", () =>
    run(
      "directory PUT",
      () => {
        const org = fuzz.random() < 0.5 ? "vm" : String(fuzz.id().value);
        const id = fuzz.id();
        const path = `/api/directory/entries/${segment(org)}/${segment(String(id.value))}`;
        const body = JSON.stringify({ section: "done", title: fuzz.text().value });
        return () =>
          api(`directory PUT ${label(id)}`, "PUT", path, staff, body, {
            ifMatch: fuzz.pick(['"1"', "*", 'W/"x"', "garbage"]),
            fields: ["orgId", "id", "section", "title", "If-Match"],
          });
      },
      { partitions: () => [] },
    ));

  it("series POST: hostile theme, question and materials", () =>
    run(
      "series POST",
      () => {
        const v = fuzz.text();
        const body = JSON.stringify(
          seriesBody({
            theme: v.value,
            question: fuzz.field().value,
            materials: { invitation: { fi: fuzz.text().value }, discussionGuide: fuzz.field().value },
          }),
        );
        return () =>
          api(`series POST ${label(v)}`, "POST", "/api/series", coordinator, body, {
            // The API names the material texts it checks (a hostile `materials` replaced all of them).
            fields: [
              "theme",
              "question",
              "materials",
              "invitationFi",
              "invitationSv",
              "invitationEn",
              "discussionGuide",
              "groundRules",
            ],
            counter: "series",
          });
      },
      { created: { table: "Series", partitions: true, count: () => created.get("series") ?? 0 } },
    ));

  it("what the bot sent proactively (invitations) keeps injected text inert", () => {
    const problems = connector
      .activities()
      .flatMap((a) => ((a.attachments as { content?: unknown }[] | undefined) ?? []).map((x) => x.content))
      .flatMap((card) => markerOutsideText(card));
    failures.push(...problems);
    assert.deepEqual(problems.slice(0, 10), []);
  });
});
