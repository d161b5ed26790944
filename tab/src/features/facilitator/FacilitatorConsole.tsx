import type { ConsoleOperation, ConsoleOperationBody, FacilitatorConsole } from "@dialogi/contracts";
import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../platform/api/client";
import { ConfirmDialog } from "../../platform/components/ConfirmDialog";
import { returnFocus } from "../../platform/lib/focus";
import { formatDateTime } from "../../platform/lib/format";
import { errorMessage } from "../../platform/lib/useAsync";
import { runOperation } from "./api";
import { LateJoiner } from "./Attendance";
import { useAttendancePlan } from "./AttendancePlanDialog";
import { Countdown } from "./Countdown";
import { Deliveries } from "./Deliveries";
import { ShownGroups } from "./ShownGroups";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginBlock: tokens.spacingVerticalS,
  },
  list: { paddingInlineStart: tokens.spacingHorizontalL },
});

/** A random id for a composed broadcast (randomUUID needs a secure context; getRandomValues does not). */
const newMessageId = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The facilitator's console: run state with a countdown, start / extend / end a round, form
 * groups, broadcast, the groups of the round the server shows ({@link ShownGroups}: the running
 * round's, else the next round's), who is present, and the end of the dialogue with the summary,
 * marking a member absent and adding a late joiner. Every button calls the same server operation
 * as the bot's card, and is offered when the card offers it ("End the dialogue" also mid-round). Ending the dialogue, starting it well before its scheduled time and every
 * attendance change (with who moves where) ask first in an in-page dialog (Teams does not show
 * browser dialogs in a tab).
 */
export function FacilitatorConsoleView({
  view,
  onChange,
  onRefresh,
}: {
  view: FacilitatorConsole;
  onChange: (v: FacilitatorConsole) => void;
  onRefresh: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [message, setMessage] = useState("");
  // Identifies the composed message: a retried request sends nothing twice; the next message gets a new id.
  const [messageId, setMessageId] = useState(newMessageId);
  /** The confirmation open, if any, and the control that opened it (focus goes back there). */
  const [asking, setAsking] = useState<"end" | "startEarly">();
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [refocus, setRefocus] = useState(0);
  const attendance = useAttendancePlan(view.dialogue.id, onChange);

  const run = async (op: ConsoleOperation, body: ConsoleOperationBody = {}, done?: string) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      onChange(await runOperation(view.dialogue.id, op, body));
      if (done) setNotice(done);
      return true;
    } catch (err) {
      // The console was older than the schedule check: ask now, as the card does.
      if (err instanceof ApiError && err.code === "earlyStart") ask("startEarly");
      else setError(errorMessage(err));
      // A conflict means this console is out of date (another device acted): show the situation now.
      if (err instanceof ApiError && err.status === 409 && err.code !== "earlyStart") onRefresh();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const ask = (what: "end" | "startEarly") => {
    opener.current ??= document.activeElement as HTMLElement | null;
    setAsking(what);
  };
  /** Closes the dialog; focus goes back after the render that follows (see the effect below). */
  const close = () => {
    setAsking(undefined);
    setRefocus((n) => n + 1);
  };
  // After the render that closed the dialog (and showed the operation's outcome): focus returns to
  // the opener, or to the state heading when the opener is gone (e.g. "End the dialogue" once ended).
  useEffect(() => {
    if (!refocus) return;
    const back = opener.current;
    opener.current = null;
    returnFocus(back?.isConnected ? back : heading.current);
  }, [refocus]);
  const confirm = async () => {
    if (asking === "end") await run("endDialogue");
    else if (asking === "startEarly") await run("startDialogue", { confirmEarly: true });
    close();
  };
  const refresh = () => {
    // A refusal or notice belongs to the console it came with, not to the refreshed one.
    setError(undefined);
    setNotice(undefined);
    onRefresh();
  };

  const next = view.round + 1;
  const canStartNext =
    view.phase === "started" && !view.running && next <= view.formedRounds && next <= view.plannedRounds;
  const presentCount = view.registered.filter((p) => p.present).length;
  // Rounds that would never be held if the dialogue ended now (the end dialog says so, as the card).
  const total = Math.max(view.plannedRounds, view.formedRounds);
  const skipped = Math.max(0, total - view.round);

  return (
    <>
      <h2>{view.dialogue.title}</h2>
      <div aria-live="polite">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      <section aria-labelledby="panel-round">
        <h3 id="panel-round" ref={heading} tabIndex={-1}>
          {view.phase === "ended"
            ? t("panel.ended")
            : view.running
              ? t("panel.roundRunning", { round: view.round })
              : view.phase === "notStarted"
                ? t("panel.notStarted")
                : t("panel.between", { done: view.round, planned: view.plannedRounds })}
        </h3>
        {view.running && view.roundEndsAt && (
          <Countdown endsAt={view.roundEndsAt} serverNow={view.serverNow} />
        )}
        <div className={styles.row}>
          {view.phase === "notStarted" && (
            <Button
              appearance="primary"
              disabled={busy}
              onClick={(e) => {
                opener.current = e.currentTarget;
                if (view.startsEarly) ask("startEarly");
                else void run("startDialogue");
              }}
            >
              {t("panel.startDialogue")}
            </Button>
          )}
          {view.phase !== "ended" && view.round === 0 && !view.running && (
            <Button disabled={busy} onClick={() => run("form", {}, t("panel.formed"))}>
              {view.formedRounds ? t("panel.reform") : t("panel.form")}
            </Button>
          )}
          {canStartNext && (
            <Button appearance="primary" disabled={busy} onClick={() => run("startRound", { round: next })}>
              {t("panel.startRound", { round: next })}
            </Button>
          )}
          {view.running &&
            view.extendChoices.map((m) => (
              <Button
                key={m}
                disabled={busy}
                onClick={() => run("extendRound", { round: view.round, minutes: m })}
              >
                {t("panel.extend", { minutes: m })}
              </Button>
            ))}
          {view.running && (
            <Button disabled={busy} onClick={() => run("endRound", { round: view.round })}>
              {t("panel.endRound", { round: view.round })}
            </Button>
          )}
          {/* Also while a round runs, as on the bot's controls card: the server ends the round with it. */}
          {view.phase === "started" && (
            <Button
              disabled={busy}
              onClick={(e) => {
                opener.current = e.currentTarget;
                ask("end");
              }}
            >
              {t("panel.endDialogue")}
            </Button>
          )}
          <Button appearance="subtle" disabled={busy} onClick={refresh}>
            {t("panel.refresh")}
          </Button>
        </div>
      </section>
      <ConfirmDialog
        open={asking === "end"}
        title={t("panel.endDialogueTitle")}
        confirmLabel={t("panel.endDialogueConfirmButton")}
        cancelLabel={t("panel.cancel")}
        busy={busy}
        onConfirm={confirm}
        onCancel={close}
      >
        {t("panel.endDialogueConfirm")}
        {skipped > 0 && <> {t("panel.skippedRounds", { count: skipped, from: view.round + 1, to: total })}</>}
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === "startEarly"}
        title={t("panel.startEarlyTitle")}
        confirmLabel={t("panel.startEarlyButton")}
        cancelLabel={t("panel.cancel")}
        busy={busy}
        onConfirm={confirm}
        onCancel={close}
      >
        {t("panel.startEarlyText", { when: formatDateTime(view.dialogue.start, i18n.language) })}
      </ConfirmDialog>

      {view.round > 0 && view.phase === "started" && (
        <form
          aria-labelledby="panel-broadcast"
          onSubmit={async (e) => {
            e.preventDefault();
            const body = { round: view.round, text: message, requestId: messageId };
            if (await run("broadcast", body, t("panel.broadcastSent"))) {
              setMessage("");
              setMessageId(newMessageId());
            }
          }}
        >
          <h3 id="panel-broadcast">{t("panel.broadcast")}</h3>
          <Field label={t("panel.broadcastLabel")} hint={t("panel.broadcastHint")}>
            <Textarea
              value={message}
              maxLength={view.maxBroadcast}
              onChange={(_, d) => setMessage(d.value)}
            />
          </Field>
          <Button type="submit" disabled={busy || !message.trim()}>
            {t("panel.send")}
          </Button>
        </form>
      )}

      {view.summary && (
        <section aria-labelledby="panel-summary">
          <h3 id="panel-summary">{t("panel.summary")}</h3>
          <ul className={styles.list}>
            {(["md", "docx", "csv"] as const).map((f) => (
              <li key={f}>
                <Link href={view.summary![f]}>{t(`panel.summaryAs.${f}`)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {attendance.dialog}
      {view.groups.length > 0 && <ShownGroups view={view} steps={attendance} />}

      {view.lateJoinerChoices.length > 0 && (
        <LateJoiner choices={view.lateJoinerChoices} steps={attendance} />
      )}

      <Deliveries dialogueId={view.dialogue.id} />

      <section aria-labelledby="panel-registered">
        <h3 id="panel-registered">
          {t("panel.registered", { count: view.registered.length, present: presentCount })}
        </h3>
        <ul className={styles.list}>
          {view.registered.map((p, i) => (
            <li key={i}>
              {p.name}
              {p.present ? ` — ${t("panel.present")}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
