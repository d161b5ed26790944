import type { FacilitatorConsole } from "@dialogi/contracts";
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AttendanceSteps } from "./AttendancePlanDialog";

const useStyles = makeStyles({
  row: {
    display: "inline-flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginInlineStart: tokens.spacingHorizontalS,
  },
  error: { color: tokens.colorPaletteRedForeground1, display: "block" },
});

/**
 * "Mark absent" for one group member: shows the server's plan (who moves where) in the console's
 * dialog before anything changes; a refusal shows next to the button.
 */
export function MarkAbsent({
  person,
  steps,
}: {
  person: { id: string; name: string };
  steps: AttendanceSteps;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const errorId = useId();
  const error = steps.error?.key === person.id ? steps.error.message : undefined;
  return (
    <span className={styles.row}>
      <Button
        size="small"
        disabled={steps.busy}
        aria-describedby={error ? errorId : undefined}
        onClick={() => steps.ask("markAbsent", { person })}
        aria-label={t("panel.absentFor", { name: person.name })}
      >
        {t("panel.absent")}
      </Button>
      {error && (
        <Text id={errorId} role="alert" className={styles.error}>
          {error}
        </Text>
      )}
    </span>
  );
}

/**
 * "Add late joiner": a confirmed registrant in no group; the plan (the group with room they join,
 * or the round they join from) is shown and confirmed in the console's dialog first.
 */
export function LateJoiner({
  choices,
  steps,
}: {
  choices: FacilitatorConsole["lateJoinerChoices"];
  steps: AttendanceSteps;
}) {
  const { t } = useTranslation();
  const [person, setPerson] = useState("");
  const chosen = choices.find((c) => c.id === person);
  const error = chosen && steps.error?.key === chosen.id ? steps.error.message : undefined;
  return (
    <form
      aria-labelledby="panel-late"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void steps.ask("addLateJoiner", { person: chosen });
      }}
    >
      <h3 id="panel-late">{t("panel.late")}</h3>
      <Field
        label={t("panel.latePerson")}
        hint={t("panel.lateHint")}
        validationMessage={error}
        validationState={error ? "error" : "none"}
      >
        <Select value={chosen?.id ?? ""} onChange={(_, d) => setPerson(d.value)}>
          <option value="">{t("panel.choosePerson")}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={steps.busy || !chosen}>
        {t("panel.lateAdd")}
      </Button>
    </form>
  );
}

/**
 * A running round's group below the minimum: says so in words, with the choice — keep it, or move
 * its members into groups with room (the plan is shown first) — or, with no room elsewhere, that
 * it stays as it is.
 */
export function SmallGroup({
  small,
  steps,
}: {
  small: FacilitatorConsole["smallGroups"][number];
  steps: AttendanceSteps;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { group, size, minSize, canMove } = small;
  const error = steps.error?.key === `group-${group}` ? steps.error.message : undefined;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {t(canMove ? "panel.smallGroup" : "panel.smallGroupNoRoom", { group, size, minSize })}
        {error && (
          <Text role="alert" className={styles.error}>
            {error}
          </Text>
        )}
      </MessageBarBody>
      {canMove && (
        <MessageBarActions>
          <Button size="small" disabled={steps.busy} onClick={() => steps.keep(group)}>
            {t("panel.keepGroup", { group })}
          </Button>
          <Button size="small" disabled={steps.busy} onClick={() => steps.ask("dissolveGroup", { group })}>
            {t("panel.moveMembers", { group })}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
