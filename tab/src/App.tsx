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
    const timer = window.setTimeout(() => {
      clearStaleAriaHidden();
      const h1 = document.querySelector<HTMLElement>("main h1");
      if (h1) {
        h1.tabIndex = -1;
        h1.focus({ preventScroll: false });
      }
    }, 0);
    return () => window.clearTimeout(timer);
  }, [key]);
}

function Routed({ host }: { host: Host }) {
  const route = useRoute();
  const { state } = useAuth();
  const { t } = useTranslation();
  const key = "id" in route ? `${route.name}/${route.id ?? ""}` : route.name;
  useFocusOnNavigate(key);
  const view = (
    <Suspense fallback={<Loading label={t("status.loading")} />}>
      <RouteView route={route} host={host} />
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
