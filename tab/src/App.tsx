import { FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AuthProvider, useAuth } from "./platform/auth/session";
import { Layout } from "./platform/components/Layout";
import { Loading } from "./platform/components/Status";
import { AuthGate } from "./platform/components/AuthGate";
import { clearStaleAriaHidden } from "./platform/lib/focus";
import { useRoute, type Route } from "./platform/lib/router";
import type { Host } from "./platform/teams/host";
import { useHostTheme } from "./platform/teams/theme";
import { DirectoryView } from "./features/directory/DirectoryView";
import { OrgView } from "./features/directory/OrgView";
import { NotFoundView } from "./platform/components/NotFoundView";

// Everything a reader does not need on first paint is loaded on demand.
const EntryEditorView = lazy(() => import("./features/directory/editor/EntryEditorView"));
const ModerationView = lazy(() => import("./features/moderation/ModerationView"));
const AccessibilityView = lazy(() => import("./features/accessibility/AccessibilityView"));
const ConfigView = lazy(() => import("./features/config/ConfigView"));
const FacilitatorView = lazy(() => import("./features/facilitator/FacilitatorView"));
const CalendarView = lazy(() => import("./features/peer/CalendarView"));
const SeriesView = lazy(() => import("./features/series/SeriesView"));
const AdminView = lazy(() => import("./features/admin/AdminView"));

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  // Marks which route a view belongs to (focus on navigation) without adding a layout box.
  view: { display: "contents" },
});

/** Views that work without signing in (static content and the Teams configuration page). */
const PUBLIC_ROUTES = new Set<Route["name"]>(["accessibility", "config"]);

function RouteView({ route, host }: { route: Route; host: Host }) {
  switch (route.name) {
    case "directory":
      return <DirectoryView query={route.query} />;
    case "org":
      return (
        <OrgView
          id={route.id}
          focusEntry={route.query.get("entry") ?? undefined}
          flash={route.query.get("saved") ?? undefined}
        />
      );
    case "entryNew":
      return <EntryEditorView orgId={route.query.get("org") ?? undefined} />;
    case "entryEdit":
      return <EntryEditorView orgId={route.orgId} entryId={route.id} />;
    case "moderation":
      return <ModerationView />;
    case "accessibility":
      return <AccessibilityView />;
    case "config":
      return <ConfigView host={host} />;
    case "facilitator":
      return <FacilitatorView host={host} query={route.query} />;
    case "calendar":
      return <CalendarView query={route.query} />;
    case "series":
      return <SeriesView id={route.id} />;
    case "admin":
      return <AdminView />;
    default:
      return <NotFoundView />;
  }
}

/** Moves focus to the new view's heading after in-app navigation (not on first load). */
function useFocusOnNavigate(key: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Lazy views (the editor, moderation…) show a spinner first: wait for their heading, or the
    // link that was clicked is gone and focus falls to the page body.
    const focusHeading = () => {
      clearStaleAriaHidden();
      // The new view's heading: while a lazy view loads, the old view (and its h1) stays shown.
      const h1 = document.querySelector<HTMLElement>(`main [data-view="${CSS.escape(key)}"] h1`);
      if (!h1) return false;
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
      return true;
    };
    let observer: MutationObserver | undefined;
    let giveUp: number | undefined;
    const timer = window.setTimeout(() => {
      if (focusHeading()) return;
      const main = document.getElementById("main");
      if (!main) return;
      observer = new MutationObserver(() => {
        if (focusHeading()) stop();
      });
      observer.observe(main, { childList: true, subtree: true });
      giveUp = window.setTimeout(() => stop(), 10_000);
    }, 0);
    const stop = () => {
      observer?.disconnect();
      window.clearTimeout(giveUp);
    };
    return () => {
      window.clearTimeout(timer);
      stop();
    };
  }, [key]);
}

function Routed({ host }: { host: Host }) {
  const route = useRoute();
  const { state } = useAuth();
  const { t } = useTranslation();
  const styles = useStyles();
  const key = "id" in route ? `${route.name}/${route.id ?? ""}` : route.name;
  useFocusOnNavigate(key);
  const view = (
    <Suspense fallback={<Loading label={t("status.loading")} />}>
      <div data-view={key} className={styles.view}>
        <RouteView route={route} host={host} />
      </div>
    </Suspense>
  );
  return (
    <Layout host={host} route={route}>
      {PUBLIC_ROUTES.has(route.name) || state.status === "signedIn" ? view : <AuthGate />}
    </Layout>
  );
}

/** The tab: Fluent theme from Teams or the browser, sign-in, hash-routed views. */
export function App({ host }: { host: Host }) {
  const { theme } = useHostTheme(host.inTeams, host.theme);
  const styles = useStyles();
  return (
    <FluentProvider theme={theme}>
      {/* Page styles go on a wrapper: the provider's className is also given to portal mount
          nodes (dialogs), where a full-height background would hide the page. */}
      <div className={styles.root}>
        <AuthProvider host={host}>
          <Routed host={host} />
        </AuthProvider>
      </div>
    </FluentProvider>
  );
}
