import { randomUUID } from "node:crypto";
import { label } from "../domain/export-text";
import type { Dashboard } from "../domain/participation-service";
import type { SeriesLanguage } from "../domain/types";
import { expandCard } from "../../../platform/teams/render-card";
import { fiDate, tOf } from "./card-text";
import dashboardTemplate from "./series-dashboard.json";

/** The coordinators' dashboard card (each rendering has a new nonce for its remind button). */
export function dashboardCard(d: Dashboard, lang: SeriesLanguage, notice = "") {
  const t = tOf(lang);
  const st = d.statistics;
  const missing = d.rows.filter((r) => r.records === 0).slice(0, 30);
  return expandCard(dashboardTemplate, {
    title: t("card.dashboardTitle", { theme: d.series.theme }),
    notice,
    seriesId: d.series.id,
    // Keys the reminder of this card: a second click on it reminds nobody again.
    nonce: randomUUID(),
    facts: [
      { title: t("card.registeredDialogues"), value: String(st.registeredDialogues) },
      { title: t("card.recordsReceived"), value: String(st.dialogues) },
      { title: t("card.recordsMissing"), value: String(st.recordsMissing) },
      {
        title: t("card.participants"),
        value: `${st.participants} (${st.participantsOnSite} / ${st.participantsRemote})`,
      },
      { title: t("card.organisers"), value: String(st.organisers) },
      {
        title: t("card.languagesFact"),
        value: st.languages.map((c) => `${label(t, "languages", c.key)} ${c.count}`).join(", ") || "–",
      },
      {
        title: t("card.regionsFact"),
        value: st.regions.map((c) => `${label(t, "regions", c.key)} ${c.count}`).join(", ") || "–",
      },
    ],
    missingHeading: t("card.missingHeading"),
    missing: missing.map((r) => ({
      title: fiDate(r.date),
      value: `${r.organisation}${r.title ? ` – ${r.title}` : ""}`,
    })),
    remindLabel: t("card.remindAll"),
    compileLabel: t("card.compile"),
  });
}
