import { app, authentication } from "@microsoft/teams-js";

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

/**
 * Initialises teams-js. Outside Teams `app.initialize` either rejects at once (top-level
 * window) or never answers (framed by another page): both end in "not in Teams" within 1.5 s.
 */
export async function detectHost(): Promise<Host> {
  try {
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
export function teamsToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** Calls `handler` when the user changes the Teams theme. */
export function onTeamsThemeChange(handler: (theme: string) => void): void {
  app.registerOnThemeChangeHandler(handler);
}
