import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the document title to "<view> – Dialogi" (WCAG 2.4.2). */
export function useTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} – ${t("app.name")}` : t("app.name");
  }, [title, t]);
}
