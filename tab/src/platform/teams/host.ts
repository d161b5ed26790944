import { plainBrowserWindow } from "../api/early-requests";

/** What the tab learnt about where it runs. */
export interface Host {
  inTeams: boolean;
  /** Teams client locale, e.g. `fi-FI` (undefined outside Teams). */
  locale?: string;
  /** Teams theme: `default`, `dark` or `contrast`. */
  theme?: string;
  /** Teams frame context (`content`, `settings`, `sidePanel`, …). */
  frameContext?: string;
  /** Whether the tab runs in a meeting. */
  inMeeting: boolean;
  /** The chat thread id (`19:meeting_…@thread.v2` in a meeting): the side panel finds its dialogue by it. */
  chatId?: string;
}

const INIT_TIMEOUT_MS = 1500;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

/** teams-js, loaded only where a Teams host can be (it is not needed in a plain browser tab). */
const teamsJs = () => import("@microsoft/teams-js");

/**
 * Initialises teams-js. In a plain browser window (no parent, opener or native bridge) teams-js
 * could only fail, so it is not even loaded; framed by another page `app.initialize` never
 * answers: both end in "not in Teams", the latter within 1.5 s.
 */
export async function detectHost(): Promise<Host> {
  if (plainBrowserWindow()) return { inTeams: false, inMeeting: false };
  try {
    const { app } = await teamsJs();
    await Promise.race([app.initialize(), timeout(INIT_TIMEOUT_MS)]);
    const ctx = await Promise.race([app.getContext(), timeout(INIT_TIMEOUT_MS)]);
    app.notifySuccess();
    return {
      inTeams: true,
      locale: ctx.app.locale,
      theme: ctx.app.theme,
      frameContext: ctx.page.frameContext,
      inMeeting: Boolean(ctx.meeting?.id),
      chatId: ctx.chat?.id,
    };
  } catch {
    return { inTeams: false, inMeeting: false };
  }
}

/** Teams SSO token for this app (teams-js caches and refreshes it). */
export async function teamsToken(): Promise<string> {
  const { authentication } = await teamsJs();
  return authentication.getAuthToken();
}

/** Calls `handler` when the user changes the Teams theme. */
export function onTeamsThemeChange(handler: (theme: string) => void): void {
  void teamsJs().then(({ app }) => app.registerOnThemeChangeHandler(handler));
}
