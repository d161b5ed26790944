import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { invalidateDirectory, loadOrganisations } from "../../platform/api/organisations";
import { listPending, moderate } from "./api";
import type { Entry } from "@dialogi/contracts";
import { ChangesTable } from "./ChangesTable";
import { usePrincipal } from "../../platform/auth/session";
import { EntryMeta } from "../directory";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDateTime, orgName } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalL },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400 },
  meta: {
    margin: `${tokens.spacingVerticalXS} 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  description: { whiteSpace: "pre-line" },
  actions: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    marginTop: tokens.spacingVerticalM,
    alignItems: "end",
  },
  note: { flexGrow: 1, minWidth: "16rem" },
});

/** `#/moderation` (coordinators): pending entries with approve / reject. */
export default function ModerationView() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const principal = usePrincipal();
  useTitle(t("moderation.title"));
  const pending = useAsync(() => listPending(), principal?.coordinator ? "pending" : null);
  const orgs = useAsync(() => loadOrganisations(), "orgs");
  const orgById = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const [done, setDone] = useState<Record<string, "approve" | "reject">>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string>();
  const [announce, setAnnounce] = useState("");

  if (!principal?.coordinator)
    return (
      <>
        <h1>{t("moderation.title")}</h1>
        <ErrorState message={t("moderation.notAllowed")} />
      </>
    );

  const act = async (entry: Entry, verdict: "approve" | "reject") => {
    const key = `${entry.orgId}/${entry.id}`;
    setBusy(key);
    setErrors((e) => ({ ...e, [key]: "" }));
    try {
      await moderate(entry, verdict, verdict === "reject" ? notes[key]?.trim() : undefined);
      invalidateDirectory();
      setDone((d) => ({ ...d, [key]: verdict }));
      setAnnounce(
        t(verdict === "approve" ? "moderation.approved" : "moderation.rejected", { title: entry.title }),
      );
    } catch (err) {
      setErrors((e) => ({ ...e, [key]: errorMessage(err) }));
    } finally {
      setBusy(undefined);
    }
  };

  const items = pending.data?.items ?? [];
  return (
    <>
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      <div role="status" className="visually-hidden">
        {announce}
      </div>
      {pending.status === "loading" && <Loading label={t("status.loading")} />}
      {pending.status === "error" && <ErrorState message={pending.error} onRetry={pending.reload} />}
      {pending.status === "ready" && items.length === 0 && <Empty>{t("moderation.empty")}</Empty>}
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((entry) => {
            const key = `${entry.orgId}/${entry.id}`;
            const org = orgById.get(entry.orgId);
            const change = entry.kind !== "new";
            const by = change ? entry.draft?.updatedBy : entry.updatedBy;
            const at = change ? (entry.draft?.updatedAt ?? entry.updatedAt) : entry.updatedAt;
            const kindKey = { new: "kindNew", edit: "kindEdit", delete: "kindDelete" }[entry.kind];
            return (
              <li key={key}>
                <article className={styles.card} aria-labelledby={`m-${entry.id}`}>
                  <h2 className={styles.title} id={`m-${entry.id}`}>
                    {entry.title}
                  </h2>
                  <Badge
                    appearance="tint"
                    color={
                      entry.kind === "delete" ? "danger" : entry.kind === "edit" ? "informative" : "brand"
                    }
                  >
                    {t(`moderation.${kindKey}`)}
                  </Badge>
                  <p className={styles.meta}>
                    {org ? orgName(org.names, i18n.language) : entry.orgId} · {t(`sections.${entry.section}`)}{" "}
                    ·{" "}
                    {t("moderation.submitted", {
                      at: formatDateTime(at, i18n.language),
                      by: by ?? "",
                    })}
                  </p>
                  {entry.kind === "edit" ? (
                    <ChangesTable item={entry} />
                  ) : (
                    <>
                      {entry.description && <p className={styles.description}>{entry.description}</p>}
                      <EntryMeta entry={entry} />
                    </>
                  )}
                  {done[key] ? (
                    <MessageBar intent={done[key] === "approve" ? "success" : "info"}>
                      <MessageBarBody>
                        {t(done[key] === "approve" ? "moderation.approved" : "moderation.rejected", {
                          title: entry.title,
                        })}
                      </MessageBarBody>
                    </MessageBar>
                  ) : (
                    <div className={styles.actions}>
                      <Field
                        label={t("moderation.note")}
                        hint={t("moderation.noteHint")}
                        className={styles.note}
                      >
                        <Textarea
                          value={notes[key] ?? ""}
                          maxLength={1000}
                          onChange={(_, d) => setNotes((n) => ({ ...n, [key]: d.value }))}
                        />
                      </Field>
                      <Button
                        appearance="primary"
                        disabled={busy === key}
                        onClick={() => act(entry, "approve")}
                        aria-label={t("moderation.approveNamed", { title: entry.title })}
                      >
                        {t("moderation.approve")}
                      </Button>
                      <Button
                        disabled={busy === key}
                        onClick={() => act(entry, "reject")}
                        aria-label={t("moderation.rejectNamed", { title: entry.title })}
                      >
                        {t("moderation.reject")}
                      </Button>
                    </div>
                  )}
                  {errors[key] && <ErrorState message={errors[key]} />}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
