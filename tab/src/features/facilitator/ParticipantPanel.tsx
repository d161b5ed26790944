import type { ParticipantConsole } from "@dialogi/contracts";
import { Button, Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { Countdown } from "./Countdown";

/**
 * A participant's read-only panel: their group this round, its room link and the time left; after
 * the end only that it has ended (no group or room to go to).
 */
export function ParticipantPanel({ view, onRefresh }: { view: ParticipantConsole; onRefresh: () => void }) {
  const { t } = useTranslation();
  if (view.phase === "ended")
    return (
      <section aria-labelledby="panel-dialogue">
        <h2 id="panel-dialogue">{view.dialogue.title}</h2>
        <MessageBar intent="info">
          <MessageBarBody>{t("panel.dialogueEnded")}</MessageBarBody>
        </MessageBar>
      </section>
    );
  return (
    <section aria-labelledby="panel-dialogue">
      <h2 id="panel-dialogue">{view.dialogue.title}</h2>
      {view.running && view.roundEndsAt && (
        <>
          <h3>{t("panel.roundRunning", { round: view.round })}</h3>
          <Countdown endsAt={view.roundEndsAt} serverNow={view.serverNow} />
        </>
      )}
      {view.group ? (
        <>
          <h3>{t("panel.yourGroup", { group: view.group.group })}</h3>
          {view.group.scribe && <p>{t("panel.youAreScribe")}</p>}
          <ul>
            {view.group.members.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          {view.group.roomUrl ? (
            <Link href={view.group.roomUrl} target="_blank" rel="noreferrer">
              {t("panel.joinRoom", { group: view.group.group })}
            </Link>
          ) : (
            <p>{t("panel.goToRoom", { group: view.group.group })}</p>
          )}
        </>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{t("panel.noGroupYet")}</MessageBarBody>
        </MessageBar>
      )}
      <p>
        <Button onClick={onRefresh}>{t("panel.refresh")}</Button>
      </p>
    </section>
  );
}
