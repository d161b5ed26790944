import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { switchLanguage } from "../i18n";
import { LANGUAGE_NAMES, LANGUAGES, storeLanguage, type Language } from "../lib/languages";

const useStyles = makeStyles({
  group: { display: "flex", gap: tokens.spacingHorizontalXXS, flexWrap: "wrap" },
});

/** Three buttons, each language named in itself and marked with its own `lang`. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const current = i18n.language as Language;
  const choose = (lang: Language) => {
    storeLanguage(lang);
    void switchLanguage(lang);
  };
  return (
    <div role="group" aria-label={t("language.label")} className={styles.group}>
      {LANGUAGES.map((lang) => (
        <Button
          key={lang}
          size="small"
          lang={lang}
          appearance={lang === current ? "primary" : "subtle"}
          aria-pressed={lang === current}
          onClick={() => choose(lang)}
        >
          {LANGUAGE_NAMES[lang]}
        </Button>
      ))}
    </div>
  );
}
