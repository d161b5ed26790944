import { makeStyles, tokens } from "@fluentui/react-components";

/** Shared layout of the administration sections (wraps down to 320 px without sideways scroll). */
export const useAdminStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXXL },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
    marginTop: tokens.spacingVerticalS,
  },
  field: { flexGrow: 1, minWidth: "min(14rem, 100%)" },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400 },
  chips: {
    listStyle: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0 0`,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
  chip: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});
