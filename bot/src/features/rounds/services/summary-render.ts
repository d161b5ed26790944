import type { Language } from "../../../platform/i18n/i18n";
import { toCsv, toDocx, toMarkdown, type Summary } from "../domain/summary";
import type { SummaryFormat } from "./links";

/** A rendered download. */
export interface RenderedSummary {
  contentType: string;
  body: string | Buffer;
  filename: string;
}

/** Renders the summary with the pure renderers of `domain/summary` (headings in `lang`). */
export async function renderSummary(
  summary: Summary,
  format: SummaryFormat,
  lang: Language,
  dialogueId: string,
): Promise<RenderedSummary> {
  const filename = `${dialogueId}-summary.${format}`;
  if (format === "md") {
    return { contentType: "text/markdown; charset=utf-8", body: toMarkdown(summary, lang), filename };
  }
  if (format === "csv") return { contentType: "text/csv; charset=utf-8", body: toCsv(summary), filename };
  return {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    body: await toDocx(summary, lang),
    filename,
  };
}
