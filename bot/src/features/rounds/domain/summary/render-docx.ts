import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { acceptedRulesLines, headingsFor, languagesText, type HeadingsLanguage } from "./headings";
import type { Summary } from "./types";

// XML 1.0 forbids most control characters; one in a note would make Word refuse the file.
const XML_INVALID = /[\u0000-\u0008\v\f\u000E-\u001F\uFFFE\uFFFF]/g;

/** A paragraph of multi-line text, line breaks kept. */
function textParagraph(text: string, prefix?: string): Paragraph {
  const lines = text.replace(XML_INVALID, "").split("\n");
  const runs = lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }));
  return new Paragraph({ children: prefix ? [new TextRun({ text: prefix, bold: true }), ...runs] : runs });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(text.replace(XML_INVALID, ""))] });

const bullet = (text: string) =>
  new Paragraph({ bullet: { level: 0 }, children: [new TextRun(text.replace(XML_INVALID, ""))] });

/** The summary as a Word document with headings in `headingsLanguage`. */
export async function toDocx(summary: Summary, headingsLanguage: HeadingsLanguage): Promise<Buffer> {
  const h = headingsFor(headingsLanguage);
  const c = summary.counts;
  const children: Paragraph[] = [
    heading(summary.dialogue.title, HeadingLevel.TITLE),
    textParagraph(`${h.summary} · ${h.date}: ${h.formatDate(summary.dialogue.date)}`),
  ];
  const rules = summary.dialogue.groundRulesVersion;
  if (rules) children.push(textParagraph(h.groundRulesVersions[rules] ?? rules, `${h.groundRules}: `));
  const accepted = acceptedRulesLines(h, summary.groundRulesAccepted);
  if (accepted.length) children.push(textParagraph(accepted.join("; "), `${h.groundRulesAccepted}: `));
  children.push(
    heading(h.inNumbers, HeadingLevel.HEADING_1),
    bullet(`${h.participants}: ${c.participants}`),
    bullet(`${h.groups}: ${c.groups}`),
    bullet(`${h.rounds}: ${c.rounds}`),
    bullet(`${h.organisations}: ${c.organisations}`),
    bullet(`${h.languages}: ${languagesText(h, c.languages, summary.languages)}`),
    bullet(`${h.notes}: ${c.notes}`),
    heading(h.themes, HeadingLevel.HEADING_1),
  );
  if (summary.themes.length === 0) children.push(textParagraph(h.noThemes));
  for (const t of summary.themes) children.push(bullet(`${t.theme} (${h.groupCount(t.groups)})`));
  children.push(heading(h.notesByRound, HeadingLevel.HEADING_1));
  for (const r of summary.rounds) {
    children.push(heading(`${h.round} ${r.index}${r.title ? `: ${r.title}` : ""}`, HeadingLevel.HEADING_2));
    for (const g of r.groups) {
      children.push(heading(`${h.group} ${g.number}`, HeadingLevel.HEADING_3));
      if (g.notes.length === 0) children.push(textParagraph(h.noNotes));
      for (const n of g.notes) {
        children.push(textParagraph(n.text));
        if (n.themes.length) children.push(textParagraph(n.themes.join(", "), `${h.themes}: `));
        if (n.insights) children.push(textParagraph(n.insights, `${h.insights}: `));
      }
    }
  }
  if (summary.insights.length) {
    children.push(heading(h.insights, HeadingLevel.HEADING_1));
    for (const i of summary.insights)
      children.push(bullet(`${h.round} ${i.round}, ${h.group.toLocaleLowerCase()} ${i.group}: ${i.text}`));
  }
  const doc = new Document({
    title: summary.dialogue.title.replace(XML_INVALID, ""),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
