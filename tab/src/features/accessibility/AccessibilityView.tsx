import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../platform/lib/format";
import { useTitle } from "../../platform/lib/useTitle";
import { useSupport } from "../../platform/lib/useSupport";

const REVIEWED = import.meta.env.VITE_ACCESSIBILITY_REVIEWED ?? "";
const AUTHORITY_URL = "https://www.saavutettavuusvaatimukset.fi/";
const AUTHORITY_EMAIL = "saavutettavuus@avi.fi";

const useStyles = makeStyles({
  body: { maxWidth: "48rem", lineHeight: tokens.lineHeightBase400 },
  link: { color: tokens.colorBrandForegroundLink },
  h2: { fontSize: tokens.fontSizeBase500, marginTop: tokens.spacingVerticalXXL },
});

/**
 * `#/accessibility`: the accessibility statement required by the Finnish Act on the Provision
 * of Digital Services (306/2019), in the UI language.
 */
export default function AccessibilityView() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  // The feedback address is the deployment's support mailbox (SUPPORT_EMAIL), never a placeholder.
  const support = useSupport();
  useTitle(t("a11y.title"));
  const issues = t("a11y.issues", { returnObjects: true }) as unknown;
  return (
    <div className={styles.body}>
      <h1>{t("a11y.title")}</h1>
      <p>{t("a11y.scope")}</p>
      <p>{t("a11y.basis", { date: formatDate(REVIEWED, i18n.language) })}</p>

      <h2 className={styles.h2}>{t("a11y.statusTitle")}</h2>
      <p>{t("a11y.status")}</p>

      <h2 className={styles.h2}>{t("a11y.issuesTitle")}</h2>
      <ul>
        {(Array.isArray(issues) ? (issues as string[]) : []).map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>

      <h2 className={styles.h2}>{t("a11y.feedbackTitle")}</h2>
      <p>{t("a11y.feedback")}</p>
      {support && (
        <p>
          {t("a11y.feedbackEmail")}{" "}
          <a className={styles.link} href={`mailto:${support.email}`}>
            {support.email}
          </a>
        </p>
      )}

      <h2 className={styles.h2}>{t("a11y.authorityTitle")}</h2>
      <p>{t("a11y.authority")}</p>
      <address>
        {t("a11y.authorityName")}
        <br />
        {t("a11y.authorityUnit")}
        <br />
        <a className={styles.link} href={AUTHORITY_URL} target="_blank" rel="noopener noreferrer">
          www.saavutettavuusvaatimukset.fi
          <span className="visually-hidden"> {t("actions.opensNewWindow")}</span>
        </a>
        <br />
        <a className={styles.link} href={`mailto:${AUTHORITY_EMAIL}`}>
          {AUTHORITY_EMAIL}
        </a>
      </address>
    </div>
  );
}
