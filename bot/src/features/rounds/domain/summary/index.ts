/** Dialogue summaries: the anonymised model and its Markdown, CSV and Word renderings. */
export { buildSummary, themeKey } from "./build-summary";
export { toMarkdown, escapeMarkdown } from "./render-markdown";
export { toCsv, SUMMARY_CSV_COLUMNS } from "./render-csv";
export { toDocx } from "./render-docx";
export {
  SUMMARY_HEADINGS,
  headingsFor,
  languagesText,
  type HeadingsLanguage,
  type SummaryHeadings,
} from "./headings";
export * from "./types";
