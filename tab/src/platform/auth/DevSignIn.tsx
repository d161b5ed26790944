import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../components/Status";
import { useAuth } from "./session";

const useStyles = makeStyles({
  list: {
    listStyle: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalL} 0`,
    display: "grid",
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(16rem, 1fr))",
  },
  persona: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    height: "100%",
    boxSizing: "border-box",
  },
  name: { margin: 0, fontSize: tokens.fontSizeBase400 },
  description: { margin: 0, color: tokens.colorNeutralForeground2, flexGrow: 1 },
});

/**
 * Development sign-in (only offered when the server says so, never in production): pick a
 * persona, the server mints a token, kept in sessionStorage for this tab.
 */
export default function DevSignIn() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { state, signInAs } = useAuth();
  const [busy, setBusy] = useState<string>();
  if (state.status !== "devSignIn") return null;
  return (
    <>
      <h1>{t("auth.devTitle")}</h1>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("auth.devWarningTitle")}</MessageBarTitle>
          {t("auth.devWarning")}
        </MessageBarBody>
      </MessageBar>
      {state.error && <ErrorState message={state.error} />}
      <ul className={styles.list} aria-label={t("auth.personas")}>
        {state.personas.map((p) => (
          <li key={p.id}>
            <div className={styles.persona}>
              <h2 className={styles.name} id={`persona-${p.id}`}>
                {p.name}
              </h2>
              <p className={styles.description} id={`persona-${p.id}-d`}>
                {p.description}
              </p>
              <Button
                appearance="primary"
                disabled={busy !== undefined}
                aria-describedby={`persona-${p.id}-d`}
                onClick={async () => {
                  setBusy(p.id);
                  await signInAs(p.id);
                  setBusy(undefined);
                }}
              >
                {busy === p.id ? t("auth.signingIn") : t("auth.signInAs", { name: p.name })}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
