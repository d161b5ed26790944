import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useTranslation } from "react-i18next";
import { ApiError, configureAuth } from "../api/client";
import {
  DEV_TOKEN_KEY,
  DIRECTORY_PATHS,
  forgetEarly,
  isDirectoryHash,
  startEarly,
  takeArrived,
} from "../api/early-requests";
import { devSignIn, getAuthConfig, getMe } from "./api";
import type { Persona, Principal } from "@dialogi/contracts";
import { teamsToken, type Host } from "../teams/host";

export type AuthState =
  | { status: "loading" }
  | { status: "signedIn"; principal: Principal; mode: "teams" | "dev" }
  | { status: "devSignIn"; personas: Persona[]; error?: string }
  | { status: "unavailable" }
  | { status: "error"; message: string };

interface AuthApi {
  state: AuthState;
  signInAs(persona: string): Promise<void>;
  signOut(): void;
  retry(): void;
}

const AuthContext = createContext<AuthApi | null>(null);

function readDevToken(): string | undefined {
  try {
    return sessionStorage.getItem(DEV_TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function writeDevToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(DEV_TOKEN_KEY, token);
    else sessionStorage.removeItem(DEV_TOKEN_KEY);
  } catch {
    // storage blocked: the token lives in memory only
  }
}

function messageOf(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

/**
 * Signs the user in: Teams SSO inside Teams; outside Teams the development sign-in when the
 * server offers it. Every API call then carries `Authorization: Bearer`.
 */
export function AuthProvider({ host, children }: { host: Host; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const personas = useRef<Persona[]>([]);
  const devToken = useRef<string | undefined>(readDevToken());
  const unauthorized = useRef<() => void>(() => {});
  // A stored development sign-in whose /api/me answer arrived before the first render
  // (boot.ts): the app renders signed in at once, its views with their data.
  const [state, setState] = useState<AuthState>(() => {
    const principal = host.inTeams || !devToken.current ? undefined : takeArrived<Principal>("/api/me");
    if (!principal) return { status: "loading" };
    configureAuth(
      async () => devToken.current,
      () => unauthorized.current(),
    );
    return { status: "signedIn", principal, mode: "dev" };
  });
  const signedInAtBoot = useRef(state.status === "signedIn");

  const toDevSignIn = useCallback((error?: string) => {
    devToken.current = undefined;
    writeDevToken(undefined);
    forgetEarly(); // answers fetched with the old token are not the next user's
    setState({ status: "devSignIn", personas: personas.current, error });
  }, []);

  useEffect(() => {
    let cancelled = false;
    const set = (s: AuthState) => !cancelled && setState(s);
    (async () => {
      if (host.inTeams) {
        configureAuth(teamsToken, () => {});
        try {
          // The sign-in check and the landing view's data travel together, not one after another.
          const token = await teamsToken();
          const paths = isDirectoryHash(window.location.hash) ? DIRECTORY_PATHS : [];
          startEarly(["/api/me", ...paths], token, i18n.language || "fi");
          set({ status: "signedIn", principal: await getMe(), mode: "teams" });
        } catch (err) {
          set({ status: "error", message: messageOf(err, t("auth.ssoFailed")) });
        }
        return;
      }
      let config: Awaited<ReturnType<typeof getAuthConfig>>;
      try {
        config = await getAuthConfig();
        personas.current = config.personas ?? [];
      } catch (err) {
        set({ status: "error", message: messageOf(err, t("errors.network")) });
        return;
      }
      if (!config.devSignIn) return set({ status: "unavailable" });
      unauthorized.current = () => !cancelled && toDevSignIn(t("auth.sessionExpired"));
      configureAuth(
        async () => devToken.current,
        () => unauthorized.current(),
      );
      if (!devToken.current) return set({ status: "devSignIn", personas: personas.current });
      if (signedInAtBoot.current) {
        signedInAtBoot.current = false; // a retry signs in again
        return;
      }
      try {
        set({ status: "signedIn", principal: await getMe(), mode: "dev" });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return; // handled by onUnauthorized
        set({ status: "error", message: messageOf(err, t("errors.generic")) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // t is stable per language; re-running on language change would sign in again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host.inTeams, attempt, toDevSignIn]);

  const signInAs = useCallback(
    async (persona: string) => {
      try {
        const { token, principal } = await devSignIn(persona);
        forgetEarly();
        devToken.current = token;
        writeDevToken(token);
        setState({ status: "signedIn", principal, mode: "dev" });
      } catch (err) {
        setState({
          status: "devSignIn",
          personas: personas.current,
          error: messageOf(err, t("errors.generic")),
        });
      }
    },
    [t],
  );

  const api = useMemo<AuthApi>(
    () => ({
      state,
      signInAs,
      signOut: () => toDevSignIn(),
      retry: () => {
        setState({ status: "loading" });
        setAttempt((a) => a + 1);
      },
    }),
    [state, signInAs, toDevSignIn],
  );
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** The signed-in principal, when there is one. */
export function usePrincipal(): Principal | undefined {
  const { state } = useAuth();
  return state.status === "signedIn" ? state.principal : undefined;
}

/** Whether the principal may add and edit entries of `orgId` (staff of it, or a coordinator). */
export function canEdit(p: Principal | undefined, orgId: string): boolean {
  return Boolean(p && (p.coordinator || p.staffOf.includes(orgId)));
}

/** Whether the principal may add entries at all. */
export function canAuthor(p: Principal | undefined): boolean {
  return Boolean(p && (p.coordinator || p.staffOf.length > 0));
}
