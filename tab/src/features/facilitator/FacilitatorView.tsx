import type { ConsolePhase, MeetingConsole } from "@dialogi/contracts";
import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../platform/components/Status";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import type { Host } from "../../platform/teams/host";
import { findLinkedDialogue, getConsole, linkMeeting } from "./api";
import { FacilitatorConsoleView } from "./FacilitatorConsole";
import { ParticipantPanel } from "./ParticipantPanel";

/** The panel's heading in each state of the dialogue. */
const TITLES = {
  notStarted: "facilitator.titleUpcoming",
  started: "facilitator.titleRunning",
  ended: "facilitator.titleEnded",
} as const satisfies Record<ConsolePhase, string>;

/**
 * `#/facilitator` — the meeting side panel. Finds the dialogue linked to this meeting (by the
 * meeting chat's thread id from teams-js, or `?dialogue=<id>` outside Teams), then shows the
 * facilitator's console or, to a participant, their group and its room. An organiser whose
 * meeting is not linked yet links it here.
 */
export default function FacilitatorView({ host, query }: { host: Host; query: URLSearchParams }) {
  const { t } = useTranslation();
  // The heading names the dialogue's state (one rule for the facilitator's and participant's
  // views): it is not called running before its start or after its end; unknown until loaded.
  const [phase, setPhase] = useState<ConsolePhase>();
  const title = t(phase ? TITLES[phase] : "facilitator.title");
  useTitle(title);
  const given = query.get("dialogue") ?? undefined;
  const thread = host.chatId;
  const link = useAsync(
    async (signal) => given ?? (thread ? await findLinkedDialogue(thread, signal) : undefined),
    `${given ?? ""}|${thread ?? ""}`,
  );
  const [linked, setLinked] = useState<string>();
  const dialogueId = linked ?? link.data;

  let body: React.ReactNode;
  if (link.status === "error") body = <ErrorState message={link.error} onRetry={link.reload} />;
  else if (link.status === "loading") body = <Loading label={t("status.loading")} />;
  else if (dialogueId) body = <Console dialogueId={dialogueId} onPhase={setPhase} />;
  else if (thread) body = <LinkForm thread={thread} onLinked={setLinked} />;
  else
    body = (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("panel.notInMeeting")}</MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      <h1>{title}</h1>
      {body}
    </>
  );
}

function Console({
  dialogueId,
  onPhase,
}: {
  dialogueId: string;
  onPhase: (phase: ConsolePhase | undefined) => void;
}) {
  const { t } = useTranslation();
  const view = useAsync((signal) => getConsole(dialogueId, signal), dialogueId);
  const [latest, setLatest] = useState<MeetingConsole>();
  const data = latest ?? view.data;
  const phase = data?.phase;
  useEffect(() => onPhase(phase), [phase, onPhase]);
  if (view.status === "error" && !latest) return <ErrorState message={view.error} onRetry={view.reload} />;
  if (!data) return <Loading label={t("status.loading")} />;
  if (data.role === "participant") return <ParticipantPanel view={data} onRefresh={view.reload} />;
  return (
    <FacilitatorConsoleView
      view={data}
      onChange={setLatest}
      onRefresh={() => {
        setLatest(undefined);
        view.reload();
      }}
    />
  );
}

/** The meeting has no dialogue yet: an organiser or facilitator links it by the dialogue's id. */
function LinkForm({ thread, onLinked }: { thread: string; onLinked: (id: string) => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLinked((await linkMeeting(thread, id.trim())).dialogueId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <p>{t("panel.notLinked")}</p>
      <Field
        label={t("panel.dialogueId")}
        hint={t("panel.dialogueIdHint")}
        validationMessage={error}
        validationState={error ? "error" : "none"}
      >
        <Input value={id} onChange={(_, d) => setId(d.value)} required />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy || !id.trim()}>
        {t("panel.link")}
      </Button>
    </form>
  );
}
