import type { ConsoleOperation, FacilitatorConsole } from "@dialogi/contracts";
import { Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../platform/lib/useAsync";
import { runOperation } from "./api";

const useStyles = makeStyles({
  row: {
    display: "inline-flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginInlineStart: tokens.spacingHorizontalS,
  },
  error: { color: tokens.colorPaletteRedForeground1, display: "block" },
});

/** Runs an attendance operation; the console after it goes to `onChange`, a refusal's message is returned. */
function useAttendance(dialogueId: string, onChange: (v: FacilitatorConsole) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (op: ConsoleOperation, person: string) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await runOperation(dialogueId, op, { person }));
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * "Mark absent" for one group member, with a confirm step in place (no browser dialog, which
 * Teams may block in a meeting panel); a refusal shows next to the button.
 */
export function MarkAbsent({
  dialogueId,
  person,
  onChange,
}: {
  dialogueId: string;
  person: { id: string; name: string };
  onChange: (v: FacilitatorConsole) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const errorId = useId();
  const { busy, error, run } = useAttendance(dialogueId, onChange);
  const [confirming, setConfirming] = useState(false);
  return (
    <span className={styles.row}>
      {confirming ? (
        <>
          <Button
            size="small"
            appearance="primary"
            disabled={busy}
            aria-describedby={error ? errorId : undefined}
            onClick={async () => {
              if (await run("markAbsent", person.id)) setConfirming(false);
            }}
          >
            {t("panel.absentConfirm", { name: person.name })}
          </Button>
          <Button size="small" disabled={busy} onClick={() => setConfirming(false)}>
            {t("panel.cancel")}
          </Button>
        </>
      ) : (
        <Button
          size="small"
          onClick={() => setConfirming(true)}
          aria-label={t("panel.absentFor", { name: person.name })}
        >
          {t("panel.absent")}
        </Button>
      )}
      {error && (
        <Text id={errorId} role="alert" className={styles.error}>
          {error}
        </Text>
      )}
    </span>
  );
}

/** "Add late joiner": a confirmed registrant in no group joins the smallest fitting group. */
export function LateJoiner({
  dialogueId,
  choices,
  onChange,
}: {
  dialogueId: string;
  choices: FacilitatorConsole["lateJoinerChoices"];
  onChange: (v: FacilitatorConsole) => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAttendance(dialogueId, onChange);
  const [person, setPerson] = useState("");
  const chosen = choices.some((c) => c.id === person) ? person : "";
  return (
    <form
      aria-labelledby="panel-late"
      onSubmit={async (e) => {
        e.preventDefault();
        if (chosen && (await run("addLateJoiner", chosen))) setPerson("");
      }}
    >
      <h3 id="panel-late">{t("panel.late")}</h3>
      <Field
        label={t("panel.latePerson")}
        hint={t("panel.lateHint")}
        validationMessage={error}
        validationState={error ? "error" : "none"}
      >
        <Select value={chosen} onChange={(_, d) => setPerson(d.value)}>
          <option value="">{t("panel.choosePerson")}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={busy || !chosen}>
        {t("panel.lateAdd")}
      </Button>
    </form>
  );
}
