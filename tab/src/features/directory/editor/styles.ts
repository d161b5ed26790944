import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of the entry editor's view and its form sections. */
export const useEditorStyles = makeStyles({
  back: {
    color: tokens.colorBrandForegroundLink,
    display: "inline-block",
    marginBottom: tokens.spacingVerticalS,
  },
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "48rem" },
  row: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))",
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  areas: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))" },
  fieldsetError: { color: tokens.colorPaletteRedForeground1, margin: `${tokens.spacingVerticalXS} 0 0` },
  summary: {
    padding: tokens.spacingHorizontalL,
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  summaryTitle: { marginTop: 0, fontSize: tokens.fontSizeBase400 },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "center" },
  spacer: { flexGrow: 1 },
  required: { color: tokens.colorNeutralForeground2, margin: 0 },
});
