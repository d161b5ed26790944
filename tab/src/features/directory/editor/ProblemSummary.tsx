import { Link } from "@fluentui/react-components";
import type { RefObject } from "react";
import { useTranslation } from "react-i18next";
import { FORM_FIELDS, type FormField } from "./form";
import { useEditorStyles } from "./styles";
import type { Problems } from "./useEntryEditor";

/**
 * The error summary above the form (focused after a failed save): each field problem links to
 * its field; problems the server names no field for are listed as text. Nothing when all is well.
 */
export function ProblemSummary({
  problems,
  otherProblems,
  summaryRef,
  focusField,
}: {
  problems: Problems;
  otherProblems: string[];
  summaryRef: RefObject<HTMLDivElement | null>;
  focusField: (f: FormField) => void;
}) {
  const { t } = useTranslation();
  const styles = useEditorStyles();
  const summaryItems = FORM_FIELDS.filter((f) => problems[f]);
  if (summaryItems.length === 0 && otherProblems.length === 0) return null;
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      className={styles.summary}
      aria-labelledby="summary-title"
    >
      <h2 id="summary-title" className={styles.summaryTitle}>
        {t("editor.fixErrors")}
      </h2>
      <ul>
        {summaryItems.map((f) => (
          <li key={f}>
            <Link as="button" onClick={() => focusField(f)}>
              {t(`form.${f}`)}: {problems[f]}
            </Link>
          </li>
        ))}
        {otherProblems.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
