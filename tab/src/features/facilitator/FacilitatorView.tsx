import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { useTitle } from "../../platform/lib/useTitle";

const useStyles = makeStyles({
  text: { maxWidth: "40rem", lineHeight: tokens.lineHeightBase400 },
});

/**
 * `#/facilitator` (meeting side panel): a placeholder. The facilitator's controls (rounds,
 * groups, timers) are in the bot's cards for now; this says so rather than pretending.
 */
export default function FacilitatorView() {
  const { t } = useTranslation();
  const styles = useStyles();
  useTitle(t("facilitator.title"));
  return (
    <>
      <h1>{t("facilitator.title")}</h1>
      <p className={styles.text}>{t("facilitator.text")}</p>
      <p className={styles.text}>{t("facilitator.how")}</p>
    </>
  );
}
