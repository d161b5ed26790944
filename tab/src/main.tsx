import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { initI18n } from "./platform/i18n";
import { initialLanguage } from "./platform/lib/languages";
import { detectHost } from "./platform/teams/host";
import "./index.css";

async function start(): Promise<void> {
  const host = await detectHost();
  await initI18n(initialLanguage(host.locale));
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
}

void start();
