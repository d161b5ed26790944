import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of the directory view: search form, results and organisation cards. */
export const useDirectoryStyles = makeStyles({
  intro: { marginTop: 0, maxWidth: "60rem", color: tokens.colorNeutralForeground2 },
  search: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(11rem, 1fr))",
    alignItems: "end",
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  query: { gridColumn: "1 / -1" },
  // Grid items shrink to their track; long organisation names must not push selects over.
  cell: { minWidth: 0 },
  select: { width: "100%", minWidth: 0 },
  clear: { justifySelf: "start" },
  count: { margin: `${tokens.spacingVerticalM} 0`, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  orgGrid: {
    listStyle: "none",
    padding: 0,
    margin: 0,
    display: "grid",
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(18rem, 1fr))",
  },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    height: "100%",
    boxSizing: "border-box",
  },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  link: { color: tokens.colorBrandForegroundLink },
  meta: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalS,
  },
  snippet: { margin: `${tokens.spacingVerticalS} 0 0` },
  groupTitle: {
    fontSize: tokens.fontSizeBase500,
    margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalM}`,
  },
});
