import type { FacilitatorConsole } from "@dialogi/contracts";
import { Badge, Link, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { MarkAbsent, SmallGroup } from "./Attendance";
import { ATTENDANCE_FALLBACK_FOCUS, type AttendanceSteps } from "./AttendancePlanDialog";

const useStyles = makeStyles({
  list: { paddingInlineStart: tokens.spacingHorizontalL },
});

/** The heading's key per status: the server says where the round shown stands. */
const HEADING = {
  running: "panel.groups",
  next: "panel.groupsNext",
  ended: "panel.groupsEnded",
  none: "panel.groups",
} as const;

/**
 * The groups of the round the server shows (running, starting next or held): members with
 * presence and scribe, each group's room, note counts where the round has notes (a round not
 * started has none, so no count), "mark absent" while attendance acts on this round, and the
 * keep / move choice for a running round's group below the minimum.
 */
export function ShownGroups({ view, steps }: { view: FacilitatorConsole; steps: AttendanceSteps }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const attendance = view.groupsStatus === "running" || view.groupsStatus === "next";
  return (
    <section aria-labelledby="panel-groups">
      {/* Focus lands here when the member whose "mark absent" opened the dialog has left the list. */}
      <h3 id={ATTENDANCE_FALLBACK_FOCUS} tabIndex={-1}>
        {t(HEADING[view.groupsStatus] ?? HEADING.none, { round: view.groupsRound })}
      </h3>
      {view.groups.map((g) => (
        <section key={g.group} aria-labelledby={`panel-group-${g.group}`}>
          <h4 id={`panel-group-${g.group}`}>
            {t("panel.group", { group: g.group })}
            {g.notes !== undefined && (
              <>
                {" "}
                <Badge appearance="tint" color="informative">
                  {t("panel.notes", { count: g.notes })}
                </Badge>
              </>
            )}
          </h4>
          <ul className={styles.list}>
            {g.members.map((m) => (
              <li key={m.id}>
                {m.name}
                {m.scribe ? ` (${t("panel.scribe")})` : ""}
                {m.present ? ` — ${t("panel.present")}` : ""}
                {attendance && <MarkAbsent person={m} steps={steps} />}
              </li>
            ))}
          </ul>
          {view.smallGroups
            .filter((x) => x.group === g.group)
            .map((x) => (
              <SmallGroup key={x.group} small={x} steps={steps} />
            ))}
          {g.roomUrl && (
            <Link href={g.roomUrl} target="_blank" rel="noreferrer">
              {t("panel.joinRoom", { group: g.group })}
            </Link>
          )}
        </section>
      ))}
    </section>
  );
}
