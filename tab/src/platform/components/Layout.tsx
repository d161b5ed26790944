import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { canAuthor, useAuth } from "../auth/session";
import type { Route } from "../lib/router";
import type { Host } from "../teams/host";
import { siteText, useSupport } from "../lib/useSupport";
import { LanguageSwitcher } from "./LanguageSwitcher";

const useStyles = makeStyles({
  skip: {
    position: "absolute",
    left: tokens.spacingHorizontalS,
    top: "-100px",
    zIndex: 10,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `2px solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    ":focus": { top: tokens.spacingVerticalS },
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    // Compact on narrow screens: the full header took a third of a 320 px phone screen.
    "@media (max-width: 480px)": {
      gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      fontSize: tokens.fontSizeBase200,
    },
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    marginRight: tokens.spacingHorizontalM,
  },
  nav: {
    flexGrow: 1,
    // Narrow screens: the links take rows of their own under the brand and the language.
    "@media (max-width: 480px)": { order: 3, flexBasis: "100%", minWidth: 0 },
  },
  navList: {
    display: "flex",
    flexWrap: "wrap",
    // They wrap, each link whole: a sideways-scrolling row hid most of them (a coordinator saw
    // two of seven at 320 px, with no scrollbar or hint that more were there).
    "@media (max-width: 480px)": { rowGap: 0, whiteSpace: "nowrap" },
    gap: tokens.spacingHorizontalXS,
    listStyle: "none",
    margin: 0,
    padding: 0,
  },
  navLink: {
    display: "inline-block",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    "@media (max-width: 480px)": { padding: `0 ${tokens.spacingHorizontalXS}` },
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover, textDecoration: "underline" },
  },
  /** The accessibility statement's link is in the footer too: narrow screens keep that one only. */
  navFooterToo: { "@media (max-width: 480px)": { display: "none" } },
  navCurrent: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    boxShadow: `inset 0 -2px 0 ${tokens.colorBrandForeground1}`,
  },
  user: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    "@media (max-width: 480px)": { marginLeft: "auto", gap: tokens.spacingHorizontalXS },
  },
  userName: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    "@media (max-width: 480px)": { display: "none" },
  },
  main: {
    maxWidth: "72rem",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXXL}`,
    boxSizing: "border-box",
    "@media (max-width: 480px)": {
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    },
  },
  footer: {
    maxWidth: "72rem",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    boxSizing: "border-box",
  },
  footerLink: { color: tokens.colorBrandForegroundLink },
});

type NavItem = { route: Route["name"]; hash: string; label: string };

/**
 * Page frame: skip link, header (brand, main navigation, language, user), main region, footer
 * with the accessibility statement. Teams side panels and the config page get a compact frame.
 */
export function Layout({ host, route, children }: { host: Host; route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { state, signOut } = useAuth();
  const principal = state.status === "signedIn" ? state.principal : undefined;
  const support = useSupport();

  const items: NavItem[] = [{ route: "directory", hash: "#/directory", label: t("nav.directory") }];
  if (principal) items.push({ route: "calendar", hash: "#/calendar", label: t("peer.nav") });
  if (canAuthor(principal)) items.push({ route: "entryNew", hash: "#/entry/new", label: t("nav.addEntry") });
  if (principal?.coordinator)
    items.push({ route: "moderation", hash: "#/moderation", label: t("nav.moderation") });
  if (principal?.coordinator) items.push({ route: "series", hash: "#/series", label: t("series.nav") });
  if (principal?.coordinator) items.push({ route: "admin", hash: "#/admin", label: t("nav.admin") });
  items.push({ route: "accessibility", hash: "#/accessibility", label: t("nav.accessibility") });

  const current = route.name === "org" || route.name === "entryEdit" ? "directory" : route.name;
  const compact = route.name === "config" || route.name === "facilitator";

  const skip = (e: React.MouseEvent) => {
    // The hash is the router's: focus the main region instead of navigating to "#main".
    e.preventDefault();
    const main = document.getElementById("main");
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <>
      <a href="#main" className={styles.skip} onClick={skip}>
        {t("nav.skip")}
      </a>
      <header className={styles.header}>
        <span className={styles.brand}>{t("app.name")}</span>
        {!compact && (
          <nav aria-label={t("nav.label")} className={styles.nav}>
            <ul className={styles.navList}>
              {items.map((item) => (
                <li
                  key={item.route}
                  className={item.route === "accessibility" ? styles.navFooterToo : undefined}
                >
                  <a
                    href={item.hash}
                    className={`${styles.navLink} ${current === item.route ? styles.navCurrent : ""}`}
                    aria-current={current === item.route ? "page" : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {compact && <span className={styles.nav} />}
        <div className={styles.user}>
          <LanguageSwitcher />
          {principal && (
            <span className={styles.userName}>{t("auth.signedInAs", { name: principal.name })}</span>
          )}
          {state.status === "signedIn" && state.mode === "dev" && (
            <Badge appearance="filled" color="warning">
              {t("auth.devShort")}
            </Badge>
          )}
          {state.status === "signedIn" && state.mode === "dev" && !host.inTeams && (
            <Button size="small" appearance="secondary" onClick={signOut}>
              {t("auth.signOut")}
            </Button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
      {!compact && (
        <footer className={styles.footer}>
          {t("footer.text")}{" "}
          <a className={styles.footerLink} href="#/accessibility">
            {t("footer.accessibility")}
          </a>
          {support && (
            <>
              {" · "}
              {t("footer.support")}{" "}
              <a className={styles.footerLink} href={`mailto:${support.email}`}>
                {support.email}
              </a>
              {" · "}
              <a className={styles.footerLink} href={support.url} target="_blank" rel="noopener noreferrer">
                {siteText(support.url)}
                <span className="visually-hidden"> {t("actions.opensNewWindow")}</span>
              </a>
            </>
          )}
        </footer>
      )}
    </>
  );
}
