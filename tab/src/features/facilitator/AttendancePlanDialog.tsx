import type { AttendanceChange, AttendancePlan, FacilitatorConsole } from "@dialogi/contracts";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../platform/api/client";
import { ConfirmDialog } from "../../platform/components/ConfirmDialog";
import { returnFocus } from "../../platform/lib/focus";
import { errorMessage } from "../../platform/lib/useAsync";
import { getAttendancePlan, runOperation } from "./api";

const useStyles = makeStyles({
  lines: { paddingInlineStart: tokens.spacingHorizontalL, marginBlock: tokens.spacingVerticalS },
});

/** The dialog's title and confirm button per change. */
const WORDS = {
  markAbsent: { title: "panel.absentTitle", button: "panel.absentConfirm" },
  addLateJoiner: { title: "panel.lateTitle", button: "panel.lateConfirm" },
  dissolveGroup: { title: "panel.dissolveTitle", button: "panel.dissolveConfirm" },
} as const;

/** Where focus goes when the control that opened the dialog is gone (the person left the list). */
export const ATTENDANCE_FALLBACK_FOCUS = "panel-groups";

/** Whom a change is about: a person (absent, late joiner) or a small group (move its members). */
export type AttendanceSubject = { person: { id: string; name: string } } | { group: number };

/** The key a refusal is filed under: the person's id, or `group-<n>`. */
export const subjectKey = (s: AttendanceSubject) => ("person" in s ? s.person.id : `group-${s.group}`);

/** The attendance steps the console hands to its controls (one dialog for the whole console). */
export interface AttendanceSteps {
  busy: boolean;
  /** The last refusal and whose control it belongs to ({@link subjectKey}). */
  error?: { key: string; message: string };
  ask: (change: AttendanceChange, subject: AttendanceSubject) => Promise<boolean>;
  /** Keeps a small group as it is (nobody moves, so nothing to confirm). */
  keep: (group: number) => Promise<void>;
  /** The in-page dialog; render it once, where it stays mounted. */
  dialog: ReactNode;
}

/**
 * An attendance change in two steps, as on the bot's controls card: `ask` fetches the server's
 * plan (who moves where, which group falls below the minimum, which rounds are formed afresh) and
 * shows it in an in-page dialog; confirming applies it for that plan's version only. When
 * attendance or the rounds changed meanwhile the server answers 409 with the new plan, which
 * replaces the old one in the dialog with a notice, and nothing has changed. A refusal (the
 * person is no longer in the groups…) closes the dialog and is returned as `error`, to be shown
 * next to the control. Focus goes into the dialog (Cancel) and back to the control that opened it.
 * Kept by the console, not by a member's row: a row that the change removes would take an open
 * dialog with it.
 */
export function useAttendancePlan(
  dialogueId: string,
  onChange: (v: FacilitatorConsole) => void,
): AttendanceSteps {
  const { t } = useTranslation();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AttendanceSteps["error"]>();
  const [plan, setPlan] = useState<AttendancePlan>();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [stale, setStale] = useState<string>();
  const opener = useRef<HTMLElement | null>(null);

  const [refocus, setRefocus] = useState(0);
  const close = () => {
    setOpen(false);
    setStale(undefined);
    setRefocus((n) => n + 1);
  };
  // After the render that closed the dialog (and showed the change): focus goes back to the
  // opener, or to the groups' heading when the opener left with the person's row.
  useEffect(() => {
    if (!refocus) return;
    const back = opener.current;
    opener.current = null;
    returnFocus(back?.isConnected ? back : document.getElementById(ATTENDANCE_FALLBACK_FOCUS));
  }, [refocus]);

  const ask = async (change: AttendanceChange, subject: AttendanceSubject) => {
    opener.current = document.activeElement as HTMLElement | null;
    setBusy(true);
    setError(undefined);
    try {
      const about = "person" in subject ? { person: subject.person.id } : { group: subject.group };
      setPlan(await getAttendancePlan(dialogueId, change, about));
      setName("person" in subject ? subject.person.name : "");
      setStale(undefined);
      setOpen(true);
      return true;
    } catch (err) {
      opener.current = null;
      setError({ key: subjectKey(subject), message: errorMessage(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const keep = async (group: number) => {
    opener.current = document.activeElement as HTMLElement | null;
    setBusy(true);
    setError(undefined);
    try {
      onChange(await runOperation(dialogueId, "keepGroup", { group }));
    } catch (err) {
      setError({ key: subjectKey({ group }), message: errorMessage(err) });
    } finally {
      setBusy(false);
      setRefocus((n) => n + 1);
    }
  };

  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      onChange(
        await runOperation(dialogueId, plan.change, {
          person: plan.person,
          group: plan.group,
          planVersion: plan.version,
        }),
      );
      close();
    } catch (err) {
      if (err instanceof ApiError && err.code === "planChanged" && err.current) {
        setPlan(err.current as AttendancePlan);
        setStale(err.message);
      } else {
        const key = plan.person ?? `group-${plan.group}`;
        setError({ key, message: errorMessage(err) });
        close();
      }
    } finally {
      setBusy(false);
    }
  };

  const words = plan ? WORDS[plan.change] : WORDS.markAbsent;
  const dialog = (
    <ConfirmDialog
      open={open && !!plan}
      title={t(words.title, { name, group: plan?.group })}
      confirmLabel={t(words.button, { name, group: plan?.group })}
      cancelLabel={t("panel.cancel")}
      busy={busy}
      onConfirm={confirm}
      onCancel={close}
    >
      <div role="status" aria-live="polite">
        {stale && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{stale}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <p>{t("panel.planIntro")}</p>
      <ul className={styles.lines}>
        {plan?.lines.map((line, i) => (
          <li key={`${plan.version}-${i}`}>{line}</li>
        ))}
      </ul>
    </ConfirmDialog>
  );
  return { busy, error, ask, keep, dialog };
}
