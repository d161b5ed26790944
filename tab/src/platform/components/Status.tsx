import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  box: { padding: `${tokens.spacingVerticalXL} 0` },
  empty: { color: tokens.colorNeutralForeground2, padding: `${tokens.spacingVerticalL} 0`, margin: 0 },
});

/** A labelled spinner (announced politely). */
export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.box} role="status">
      <Spinner size="small" label={label} labelPosition="after" />
    </div>
  );
}

/** An error message (already translated by the server or the client) with an optional retry. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t("actions.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** An empty-state sentence. */
export function Empty({ children }: { children: React.ReactNode }) {
  const styles = useStyles();
  return <p className={styles.empty}>{children}</p>;
}
