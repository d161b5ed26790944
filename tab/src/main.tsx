import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { earlySettled } from "./platform/api/early-requests";
import { initI18n } from "./platform/i18n";
import { initialLanguage } from "./platform/lib/languages";
import { detectHost } from "./platform/teams/host";
import { initialThemeName, loadTheme } from "./platform/teams/theme";
import "./index.css";

/**
 * How long the first render waits for the requests boot.ts started: usually they have arrived
 * by now, and one render then shows the view with its data; a slow server gets a spinner instead.
 */
const FIRST_RENDER_WAIT_MS = 400;

async function start(): Promise<void> {
  const host = await detectHost();
  await Promise.all([
    initI18n(initialLanguage(host.locale)),
    loadTheme(initialThemeName(host.inTeams, host.theme)).catch(() => undefined), // light then
    earlySettled(FIRST_RENDER_WAIT_MS),
  ]);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
}

void start();
