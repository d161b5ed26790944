import { useTranslation } from "react-i18next";
import { useTitle } from "../lib/useTitle";

/** Unknown hash route. */
export function NotFoundView() {
  const { t } = useTranslation();
  useTitle(t("notFound.title"));
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <a href="#/directory">{t("notFound.back")}</a>
      </p>
    </>
  );
}
