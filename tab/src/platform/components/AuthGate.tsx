import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/session";
import { useTitle } from "../lib/useTitle";
import { ErrorState, Loading } from "./Status";

const DevSignIn = lazy(() => import("../auth/DevSignIn"));

/** What a signed-out user sees: progress, the development sign-in, or why sign-in failed. */
export function AuthGate() {
  const { t } = useTranslation();
  const { state, retry } = useAuth();
  useTitle(state.status === "devSignIn" ? t("auth.devTitle") : t("auth.title"));
  if (state.status === "devSignIn")
    return (
      <Suspense fallback={<Loading label={t("status.loading")} />}>
        <DevSignIn />
      </Suspense>
    );
  return (
    <>
      <h1>{t("auth.title")}</h1>
      {state.status === "loading" && <Loading label={t("auth.signingIn")} />}
      {state.status === "unavailable" && <p>{t("auth.openInTeams")}</p>}
      {state.status === "error" && <ErrorState message={state.message} onRetry={retry} />}
    </>
  );
}
