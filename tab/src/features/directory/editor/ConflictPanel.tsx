import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Radio, RadioGroup } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Entry } from "@dialogi/contracts";
import { formatDateTime } from "../../../platform/lib/format";
import {
  FORM_FIELDS,
  clashingFields,
  sameValue,
  type ClashChoice,
  type FormField,
  type FormValues,
} from "./form";

/** Below this width the table stacks: one block per field, each value under its own label. */
const NARROW = "@media (max-width: 40rem)";

const useStyles = makeStyles({
  panel: {
    margin: `${tokens.spacingVerticalL} 0`,
    padding: tokens.spacingHorizontalL,
    border: `2px solid ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    [NARROW]: { padding: tokens.spacingHorizontalS },
  },
  heading: { marginTop: 0, fontSize: tokens.fontSizeBase500 },
  tableWrap: {
    overflowX: "auto",
    margin: `${tokens.spacingVerticalM} 0`,
    [NARROW]: { overflowX: "visible" },
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    minWidth: "32rem",
    // Side by side needs room; on a narrow screen (a phone, a meeting side panel) the saved
    // version and the choice would sit off-screen, so every row becomes a block of its own.
    [NARROW]: { minWidth: 0, display: "block" },
  },
  head: { [NARROW]: { display: "none" } },
  body: { [NARROW]: { display: "block" } },
  row: {
    [NARROW]: {
      display: "block",
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      paddingBlock: tokens.spacingVerticalS,
    },
  },
  cell: {
    textAlign: "left",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    width: "40%",
    [NARROW]: {
      display: "block",
      width: "auto",
      borderBottom: "none",
      padding: `${tokens.spacingVerticalXS} 0`,
    },
  },
  fieldCell: { width: "20%", fontWeight: tokens.fontWeightSemibold },
  /** The column's name before each value, shown only when stacked (the table has headers). */
  cellLabel: {
    display: "none",
    [NARROW]: { display: "block", fontWeight: tokens.fontWeightSemibold, whiteSpace: "normal" },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  action: { maxWidth: "100%", whiteSpace: "normal", height: "auto" },
});

/**
 * Shown after a 409: the user's version and the saved version side by side (only the fields
 * that differ; stacked field by field on a narrow screen). Nothing is overwritten: the user merges the saved version into the form, or
 * discards their changes, and then saves again.
 */
export function ConflictPanel({
  base,
  mine,
  theirs,
  current,
  display,
  onMerge,
  onDiscard,
}: {
  /** The version the user started from (to tell who changed what). */
  base: FormValues;
  mine: FormValues;
  theirs: FormValues;
  current: Entry;
  display: (field: FormField, values: FormValues) => string;
  onMerge: (choices: Partial<Record<FormField, ClashChoice>>) => void;
  onDiscard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const differing = FORM_FIELDS.filter((f) => f !== "orgId" && !sameValue(f, mine, theirs));
  // Fields both changed: the user picks per field; nothing is taken silently.
  const clashes = clashingFields(base, mine, theirs);
  const [choices, setChoices] = useState<Partial<Record<FormField, ClashChoice>>>({});
  const by = current.updatedBy;
  return (
    <section className={styles.panel} aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        {t("conflict.title")}
      </h2>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("conflict.lead")}</MessageBarTitle>
          {t("conflict.savedBy", {
            at: formatDateTime(current.updatedAt, i18n.language),
            by: by || "?",
          })}{" "}
          {t("conflict.explain")}
        </MessageBarBody>
      </MessageBar>
      {differing.length === 0 ? (
        <p>{t("conflict.noDifferences")}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">{t("conflict.caption")}</caption>
            <thead className={styles.head}>
              <tr>
                <th scope="col" className={`${styles.cell} ${styles.fieldCell}`}>
                  {t("conflict.field")}
                </th>
                <th scope="col" className={styles.cell}>
                  {t("conflict.mine")}
                </th>
                <th scope="col" className={styles.cell}>
                  {t("conflict.theirs")}
                </th>
                {clashes.length > 0 && (
                  <th scope="col" className={styles.cell}>
                    {t("conflict.choice")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody className={styles.body}>
              {differing.map((f) => (
                <tr key={f} className={styles.row}>
                  <th scope="row" className={`${styles.cell} ${styles.fieldCell}`}>
                    {t(`form.${f}`)}
                  </th>
                  <td className={styles.cell}>
                    <span className={styles.cellLabel}>{t("conflict.mine")}</span>
                    {display(f, mine) || t("conflict.empty")}
                  </td>
                  <td className={styles.cell}>
                    <span className={styles.cellLabel}>{t("conflict.theirs")}</span>
                    {display(f, theirs) || t("conflict.empty")}
                  </td>
                  {clashes.length > 0 && (
                    <td className={styles.cell}>
                      <span className={styles.cellLabel}>{t("conflict.choice")}</span>
                      {clashes.includes(f) ? (
                        <RadioGroup
                          aria-label={t("conflict.choiceFor", { field: t(`form.${f}`) })}
                          value={choices[f] ?? "mine"}
                          onChange={(_, d) => setChoices((c) => ({ ...c, [f]: d.value as ClashChoice }))}
                        >
                          <Radio value="mine" label={t("conflict.keepMine")} />
                          <Radio value="theirs" label={t("conflict.takeTheirs")} />
                          <Radio value="edit" label={t("conflict.editByHand")} />
                        </RadioGroup>
                      ) : (
                        t(sameValue(f, mine, base) ? "conflict.onlyTheirs" : "conflict.onlyMine")
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={styles.actions}>
        <Button className={styles.action} appearance="primary" onClick={() => onMerge(choices)}>
          {t("conflict.merge")}
        </Button>
        <Button className={styles.action} onClick={onDiscard}>
          {t("conflict.discard")}
        </Button>
      </div>
    </section>
  );
}
