import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { headline, label, type Translate } from "./export-text";
import type { SeriesSummary } from "./summary";

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

/**
 * The summary as a Word document (docx). Text is passed as runs, never as markup, so record
 * text cannot inject document structure.
 */
export async function summaryToDocx(s: SeriesSummary, t: Translate): Promise<Buffer> {
  const st = s.statistics;
  const children: Paragraph[] = [
    heading(s.theme, HeadingLevel.TITLE),
    new Paragraph({ children: [new TextRun({ text: s.question, italics: true })] }),
    para(`${t("summary.period")}: ${s.periodStart} – ${s.periodEnd}`),
    heading(t("summary.statistics"), HeadingLevel.HEADING_1),
    para(headline(t, st)),
    bullet(
      `${t("summary.languages")}: ${st.languages.map((c) => `${label(t, "languages", c.key)} ${c.count}`).join(", ")}`,
    ),
    bullet(
      `${t("summary.regions")}: ${st.regions.map((c) => `${label(t, "regions", c.key)} ${c.count}`).join(", ")}`,
    ),
    bullet(t("summary.seldomHeard", { count: st.reachedSeldomHeard })),
    heading(t("summary.themes"), HeadingLevel.HEADING_1),
  ];
  for (const th of s.themes) {
    children.push(heading(`${th.theme} (${th.count})`, HeadingLevel.HEADING_2));
    for (const q of th.quotes) {
      children.push(
        new Paragraph({ children: [new TextRun({ text: `“${q}”`, italics: true })], indent: { left: 720 } }),
      );
    }
    if (th.insights.length) {
      children.push(para(`${t("summary.insights")}:`));
      for (const i of th.insights) children.push(bullet(i.count > 1 ? `${i.text} (${i.count})` : i.text));
    }
  }
  if (s.seldomHeardGroups.length) {
    children.push(heading(t("summary.seldomHeardGroups"), HeadingLevel.HEADING_1));
    for (const g of s.seldomHeardGroups) children.push(bullet(`${g.text} (${g.count})`));
  }
  children.push(heading(t("summary.organisers"), HeadingLevel.HEADING_1));
  for (const o of s.organisations) children.push(bullet(o));
  if (s.individualOrganisers)
    children.push(bullet(t("summary.individualOrganisers", { count: s.individualOrganisers })));
  if (s.analysis) {
    children.push(heading(t("summary.analysis"), HeadingLevel.HEADING_1));
    for (const p of s.analysis.split(/\n{2,}/)) children.push(para(p.replace(/\n/g, " ")));
  }
  const doc = new Document({
    creator: "Dialogi",
    title: s.theme,
    description: t("summary.docDescription"),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
