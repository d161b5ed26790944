import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, findAll, valid, type Actor } from "../dialogues/conversation-helpers";
import { expandCard } from "../../src/platform/teams/render-card";
import { escapeMarkdown } from "../../src/platform/teams/markdown";
import { tracked } from "../reliability/report";
import { waitFor } from "../../testing/outbox-fleet";

const GROUP = "security/cards";
/** Markdown (and HTML) that would format or link if a card rendered it. */
const HOSTILE = [
  "[Verify your account](https://evil.example/login)",
  "![pixel](https://evil.example/p.png)",
  "# Urgent",
  "- one\n- two",
  "1. first\n2) second",
  "**bold** _italic_ ~~struck~~ `code`",
  "<b>html</b> <https://evil.example> &lt;tag&gt;",
  "Title\n===",
  "> quoted",
  "\\[already escaped\\]",
];
/** Rendered elements that only Markdown produces; plain text renders as <p> (and <br>) only. */
const MARKUP = /<(?!\/?(?:p|br)\b)[a-z][^>]*>/i;
// html: true is stricter than Teams (which shows no raw HTML): escaped text must survive even that.
const md = new MarkdownIt({ html: true, breaks: true });
/** What a reader sees of a Markdown text: rendered, tags removed, entities decoded. */
const shown = (text: string) =>
  md
    .render(text)
    .replace(/<br>\n?/g, "\n")
    .replace(/<\/?p>\n?/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

/** Every Markdown-rendered string of a card: TextBlock text and FactSet titles and values. */
function markdownFields(card: unknown): string[] {
  return [
    ...findAll(card, "TextBlock").map((b) => String(b.text)),
    ...findAll(card, "FactSet").flatMap((f) =>
      (f.facts as { title: string; value: string }[]).flatMap((x) => [x.title, x.value]),
    ),
  ];
}

function assertLiteral(card: unknown, where: string): string[] {
  const problems: string[] = [];
  for (const text of markdownFields(card)) {
    const html = md.render(text);
    if (MARKUP.test(html)) problems.push(`${where}: ${JSON.stringify(text)} renders ${html.trim()}`);
  }
  return problems;
}

describe("security: user text in cards is shown literally, never as Markdown", function () {
  this.timeout(60_000);

  it("escapeMarkdown: each hostile input renders exactly as typed, ordinary text unchanged", () => {
    for (const input of HOSTILE) {
      const escaped = escapeMarkdown(input);
      assert.doesNotMatch(md.render(escaped), MARKUP, input);
      assert.equal(shown(escaped), input, input);
    }
    for (const plain of ["Ti 25.3.2031 klo 9.00–11.00", "Luottamus (ja avoimuus)", "-5 °C", "100 / 100"])
      assert.equal(escapeMarkdown(plain), plain);
  });

  it(
    "every card template escapes every TextBlock and FactSet field bound from data",
    tracked(GROUP, () => {
      const root = path.join(__dirname, "../../src/features");
      const templates = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
        (f) => f.includes("cards") && f.endsWith(".json"),
      );
      assert.ok(templates.length >= 15, `${templates.length} templates`);
      const problems: string[] = [];
      let bound = 0;
      for (const file of templates) {
        const template = JSON.parse(readFileSync(path.join(root, file), "utf8")) as object;
        for (const evil of HOSTILE) {
          const card = expandCard(template, hostileData(template, evil));
          problems.push(...assertLiteral(card, file));
          if (markdownFields(card).some((t) => shown(t).includes(evil))) bound++;
        }
      }
      assert.deepEqual(problems.slice(0, 10), []);
      // The data really reached the fields (the check above is not vacuous).
      assert.ok(bound >= templates.length * 3, `hostile text shown literally in ${bound} renders`);
      return Promise.resolve(`markdown: ${templates.length} templates × ${HOSTILE.length} inputs literal`);
    }),
  );

  describe("a dialogue with Markdown in every field, through the bot in fi, sv and en", () => {
    let app: TestApp;
    let connector: ConnectorRecorder;
    let bot: ReturnType<typeof driver>;
    before(async () => {
      connector = await startConnectorRecorder();
      app = await startTestApp({
        env: { LOG_LEVEL: "error" },
        overrides: { now: () => new Date("2030-03-01T08:00:00Z") },
      });
      bot = driver(app, connector);
    });
    after(async () => {
      await app?.close();
      await connector?.close();
    });

    for (const locale of ["fi-FI", "sv-SE", "en-US"]) {
      it(
        `${locale}: organiser and invitation cards show the title, description, agenda, place and organisers literally`,
        tracked(GROUP, async () => {
          const organiser: Actor = { userId: `aad-md-${locale}`, userName: "Olli", locale };
          const form = {
            title: "[Verify your account](https://evil.example)",
            description: "# Urgent\n**Click** ![x](https://evil.example/p.png) <b>now</b>",
            themes: "- first\n1. second",
            date: "2030-03-25",
            startTime: "09:00",
            endTime: "11:00",
            mode: "inPerson",
            meetingUrl: "",
            address: "_Room_ [2](https://evil.example)",
            capacity: "20",
            deadlineDate: "2030-03-18",
            deadlineTime: "16:00",
            languages: "fi,sv,en",
            organisers: "~~VM~~ `OM`",
            groundRules: "current4",
            agenda: "09:00 [Tervetuloa](https://evil.example)\n09:30 * **Dialogi**\n11:00 Loppu",
          };
          // The form's own submit data (nonce, version, defaults), as Teams merges it with the inputs.
          const command = { "fi-FI": "uusi dialogi", "sv-SE": "ny dialog", "en-US": "new dialogue" }[locale]!;
          const [sent] = await bot.say(organiser, command);
          const submit = executeAction(valid(cardOf(sent), sent), "dialogue.create")!;
          const created = await bot.execute(organiser, "dialogue.create", { ...submit.data, ...form });
          const card = valid(created.card, created);
          const problems = assertLiteral(card, `organiser card ${locale}`);
          const texts = markdownFields(card).map(shown).join("\n");
          assert.ok(texts.includes(form.title), texts);
          const id = String(
            (
              findAll(card, "Action.Execute").find((a) => a.verb === "dialogue.edit")!.data as {
                dialogueId: string;
              }
            ).dialogueId,
          );
          const invitation = await bot.execute(organiser, "dialogue.refresh", { dialogueId: id });
          const inv = valid(invitation.card, invitation);
          problems.push(...assertLiteral(inv, `invitation ${locale}`));
          const shownInv = markdownFields(inv).map(shown).join("\n");
          for (const literal of [form.title, "[Tervetuloa](https://evil.example)", "~~VM~~ `OM`", "_Room_"])
            assert.ok(shownInv.includes(literal), `${locale}: ${literal} not shown in\n${shownInv}`);
          assert.deepEqual(problems, []);
          // The personal notice's message text is Markdown too: the title stays literal there.
          const participant: Actor = { userId: `aad-md-p-${locale}`, userName: "Pia", locale };
          await bot.say(participant, "help"); // a personal chat the confirmation can go to
          const mark = connector.calls.length;
          await bot.execute(participant, "registration.submit", {
            dialogueId: id,
            language: "fi",
            acceptRules: "true",
          });
          // The confirmation leaves through the outbox: wait for it to arrive.
          const confirmation = () =>
            connector.calls
              .slice(mark)
              .map((c) => String(c.body.text ?? ""))
              .find((text) => text.includes("Verify your account"));
          await waitFor(`${locale}: a confirmation with the title`, () => !!confirmation(), 15_000);
          const notice = confirmation();
          assert.ok(notice, `${locale}: no confirmation with the title`);
          assert.ok(notice.includes(escapeMarkdown(form.title)), notice);
          // So is the deletion's "are you sure" message to the organiser.
          const deleteCommand = {
            "fi-FI": "poista dialogi",
            "sv-SE": "radera dialog",
            "en-US": "delete dialogue",
          }[locale]!;
          const [confirm] = await bot.say(organiser, `${deleteCommand} ${id}`);
          assert.ok(String(confirm?.text).includes(escapeMarkdown(form.title)), String(confirm?.text));
          assert.ok(!String(confirm?.text).includes(form.title), "the title is escaped, not raw Markdown");
        }),
      );
    }
  });
});

/**
 * Data for a template: every simple `${name}` / `${a.b}` gets `evil`, every `$data: "${list}"`
 * a one-item list whose fields get `evil` too (so each repeated element is rendered).
 */
function hostileData(template: unknown, evil: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const set = (scope: Record<string, unknown>, dotted: string, value: unknown) => {
    const parts = dotted.split(".");
    let o = scope;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] ??= value;
  };
  const walk = (node: unknown, scope: Record<string, unknown>) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, scope));
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    let inner = scope;
    const list = typeof o.$data === "string" ? /^\$\{([\w.]+)\}$/.exec(o.$data)?.[1] : undefined;
    if (list) {
      const item: Record<string, unknown> = {};
      set(scope, list, [item]);
      inner = item;
    }
    for (const [k, v] of Object.entries(o)) {
      if (k === "$data" || k === "$when") continue;
      if (typeof v === "string") for (const m of v.matchAll(/\$\{([\w.]+)\}/g)) set(inner, m[1]!, evil);
      else walk(v, inner);
    }
  };
  walk(template, data);
  return data;
}
