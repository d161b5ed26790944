import { acceptedRulesLines, headingsFor, languagesText, type HeadingsLanguage } from "./headings";
import type { Summary } from "./types";

/** Escapes what Markdown would turn into markup or HTML, so a note renders as the scribe wrote it. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, "\\$&")
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_, space: string, mark: string) => `${space}\\${mark}`);
}

/** Multi-line text as Markdown paragraphs (single line breaks kept as hard breaks). */
const paragraphs = (text: string) => escapeMarkdown(text).replace(/\n(?!\n)/g, "  \n");

/** The summary as Markdown with headings in `headingsLanguage`. */
export function toMarkdown(summary: Summary, headingsLanguage: HeadingsLanguage): string {
  const h = headingsFor(headingsLanguage);
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(summary.dialogue.title)}`, "");
  out.push(`${h.summary} · ${h.date}: ${h.formatDate(summary.dialogue.date)}`);
  const rules = summary.dialogue.groundRulesVersion;
  if (rules) out.push("", `${h.groundRules}: ${escapeMarkdown(h.groundRulesVersions[rules] ?? rules)}`);
  const accepted = acceptedRulesLines(h, summary.groundRulesAccepted);
  if (accepted.length) out.push("", `${h.groundRulesAccepted}: ${escapeMarkdown(accepted.join("; "))}`);
  const c = summary.counts;
  out.push("", `## ${h.inNumbers}`, "");
  out.push(
    `- ${h.participants}: ${c.participants}`,
    `- ${h.groups}: ${c.groups}`,
    `- ${h.rounds}: ${c.rounds}`,
    `- ${h.organisations}: ${c.organisations}`,
    `- ${h.languages}: ${languagesText(h, c.languages, summary.languages)}`,
    `- ${h.notes}: ${c.notes}`,
  );
  out.push("", `## ${h.themes}`, "");
  if (summary.themes.length === 0) out.push(h.noThemes);
  for (const t of summary.themes) out.push(`- ${escapeMarkdown(t.theme)} (${h.groupCount(t.groups)})`);
  out.push("", `## ${h.notesByRound}`);
  for (const r of summary.rounds) {
    out.push("", `### ${h.round} ${r.index}${r.title ? `: ${escapeMarkdown(r.title)}` : ""}`);
    for (const g of r.groups) {
      out.push("", `#### ${h.group} ${g.number}`, "");
      if (g.notes.length === 0) out.push(h.noNotes);
      for (const n of g.notes) {
        out.push(paragraphs(n.text), "");
        if (n.themes.length) out.push(`*${h.themes}:* ${n.themes.map(escapeMarkdown).join(", ")}`, "");
        if (n.insights) out.push(`*${h.insights}:* ${paragraphs(n.insights)}`, "");
      }
    }
  }
  if (summary.insights.length) {
    out.push("", `## ${h.insights}`, "");
    for (const i of summary.insights)
      out.push(`- ${h.round} ${i.round}, ${h.group.toLocaleLowerCase()} ${i.group}: ${paragraphs(i.text)}`);
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
