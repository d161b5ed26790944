import { Badge, Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { getOrganisation } from "./api";
import { SECTIONS, type Entry, type Section } from "@dialogi/contracts";
import { canEdit, usePrincipal } from "../../platform/auth/session";
import { EntryMeta } from "./EntryMeta";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { returnFocus } from "../../platform/lib/focus";
import { formatDateTime, orgName, orgNameLang } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { OrgPeerDialogues, UpcomingPeerDialogues, useOrgPeerDialogues } from "../peer";
import { OrgAccess, SourceListing } from "./SourceListing";

const FLASHES = ["created", "updated", "pending", "pendingEdit", "pendingDelete", "deleted"];

const HistoryDialog = lazy(() => import("./HistoryDialog"));

const useStyles = makeStyles({
  back: {
    color: tokens.colorBrandForegroundLink,
    display: "inline-block",
    marginBottom: tokens.spacingVerticalS,
  },
  h1: { marginBottom: tokens.spacingVerticalXS },
  sub: { marginTop: 0, color: tokens.colorNeutralForeground2 },
  toolbar: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    margin: `${tokens.spacingVerticalM} 0`,
  },
  sectionTitle: {
    fontSize: tokens.fontSizeBase500,
    margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalM}`,
  },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  subList: {
    listStyle: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalM} 0 0 ${tokens.spacingHorizontalL}`,
    display: "grid",
    gap: tokens.spacingVerticalS,
    borderLeft: `3px solid ${tokens.colorBrandStroke2}`,
    paddingLeft: tokens.spacingHorizontalL,
  },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    scrollMarginTop: "1rem",
  },
  subCard: { padding: `${tokens.spacingVerticalXS} 0` },
  focused: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "2px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  subTitle: { margin: 0, fontSize: tokens.fontSizeBase300 },
  description: { margin: `${tokens.spacingVerticalS} 0 0`, whiteSpace: "pre-line" },
  actions: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    marginTop: tokens.spacingVerticalS,
  },
  updated: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    margin: `${tokens.spacingVerticalXS} 0 0`,
  },
});

/** Top-level entries in listing order, each with its sub-entries. */
function tree(entries: Entry[]): Map<Section, Array<{ entry: Entry; children: Entry[] }>> {
  const byOrder = [...entries].sort(
    (a, b) => (a.order ?? 0) - (b.order ?? 0) || a.createdAt.localeCompare(b.createdAt),
  );
  const ids = new Set(byOrder.map((e) => e.id));
  const children = new Map<string, Entry[]>();
  for (const e of byOrder) {
    if (e.parentId && ids.has(e.parentId)) children.set(e.parentId, [...(children.get(e.parentId) ?? []), e]);
  }
  const out = new Map<Section, Array<{ entry: Entry; children: Entry[] }>>(SECTIONS.map((s) => [s, []]));
  for (const e of byOrder) {
    if (e.parentId && ids.has(e.parentId)) continue;
    out.get(e.section)?.push({ entry: e, children: children.get(e.id) ?? [] });
  }
  return out;
}

/** `#/org/:id`: one organisation's listing in sections done / upcoming / other. */
export function OrgView({ id, focusEntry, flash }: { id: string; focusEntry?: string; flash?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useStyles();
  const principal = usePrincipal();
  const data = useAsync((signal) => getOrganisation(id, signal), id);
  const peerDialogues = useOrgPeerDialogues(id);
  const [history, setHistory] = useState<{ entry: Entry; open: boolean; opener: HTMLElement | null }>();
  const org = data.data?.organisation;
  const title = org ? orgName(org.names, lang) : t("org.title");
  useTitle(title);
  const sections = useMemo(() => tree(data.data?.entries ?? []), [data.data]);
  const editable = canEdit(principal, id);

  useEffect(() => {
    if (!focusEntry || data.status !== "ready") return;
    const el = document.getElementById(`entry-${focusEntry}`);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "start" });
    }
  }, [focusEntry, data.status]);

  const renderEntry = (entry: Entry, children: Entry[], nested: boolean) => {
    const Heading = nested ? "h4" : "h3";
    return (
      <li key={entry.id}>
        <article
          id={`entry-${entry.id}`}
          tabIndex={-1}
          lang={entry.language || undefined}
          aria-labelledby={`entry-${entry.id}-title`}
          className={`${nested ? styles.subCard : styles.card} ${focusEntry === entry.id ? styles.focused : ""}`}
        >
          <Heading id={`entry-${entry.id}-title`} className={nested ? styles.subTitle : styles.title}>
            {entry.title}
          </Heading>
          {entry.status !== "published" && (
            <Badge appearance="tint" color={entry.status === "pending" ? "warning" : "danger"}>
              {t(`status.${entry.status}`)}
            </Badge>
          )}
          {entry.status === "rejected" && entry.moderationNote && (
            <p className={styles.description}>{t("org.moderationNote", { note: entry.moderationNote })}</p>
          )}
          {entry.draft && (
            <Badge appearance="tint" color={entry.draft.status === "pending" ? "warning" : "danger"}>
              {t(entry.draft.status === "pending" ? "status.editPending" : "status.editRejected")}
            </Badge>
          )}
          {entry.draft?.moderationNote && (
            <p className={styles.description}>
              {t("org.moderationNote", { note: entry.draft.moderationNote })}
            </p>
          )}
          {entry.description && <p className={styles.description}>{entry.description}</p>}
          <EntryMeta entry={entry} />
          {editable && (
            <>
              {/* An imported entry nobody has edited says when it was listed (EntryMeta), not installed. */}
              {!(entry.listedAt && entry.updatedAt === entry.createdAt) && (
                <p className={styles.updated}>
                  {t("entry.updated", { at: formatDateTime(entry.updatedAt, lang) })}
                </p>
              )}
              <div className={styles.actions}>
                <Button
                  as="a"
                  size="small"
                  href={`#/entry/${encodeURIComponent(entry.orgId)}/${encodeURIComponent(entry.id)}/edit`}
                  aria-label={t("actions.editNamed", { title: entry.title })}
                >
                  {t("actions.edit")}
                </Button>
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={(e) => setHistory({ entry, open: true, opener: e.currentTarget })}
                  aria-label={t("actions.historyNamed", { title: entry.title })}
                >
                  {t("actions.history")}
                </Button>
              </div>
            </>
          )}
          {children.length > 0 && (
            <ul className={styles.subList} aria-label={t("org.subEntries", { title: entry.title })}>
              {children.map((c) => renderEntry(c, [], true))}
            </ul>
          )}
        </article>
      </li>
    );
  };

  return (
    <>
      <a className={styles.back} href="#/directory">
        {t("org.back")}
      </a>
      <h1 className={styles.h1} lang={org ? orgNameLang(org.names, lang) : undefined}>
        {title}
      </h1>
      {org && (
        <p className={styles.sub}>
          {[org.shortName, t(`orgType.${org.type}`, { defaultValue: "" }), org.contact]
            .filter(Boolean)
            .join(" · ")}
        </p>
      )}
      {flash && FLASHES.includes(flash) && (
        <div role="status">
          <MessageBar intent="success">
            <MessageBarBody>{t(`org.flash.${flash}`)}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {data.status === "loading" && !data.data && <Loading label={t("status.loading")} />}
      {data.status === "error" && (
        <ErrorState message={data.error} onRetry={data.httpStatus === 404 ? undefined : data.reload} />
      )}
      {org && (
        <>
          {org.listingMissing && (
            <MessageBar intent="warning">
              <MessageBarBody>{t("org.listingMissingText")}</MessageBarBody>
            </MessageBar>
          )}
          {editable && (
            <div className={styles.toolbar}>
              <Button as="a" appearance="primary" href={`#/entry/new?org=${encodeURIComponent(id)}`}>
                {t("actions.addEntry")}
              </Button>
            </div>
          )}
          {(data.data?.entries.length ?? 0) === 0 && !org.listingMissing && (
            <Empty>{t("org.noEntries")}</Empty>
          )}
          {SECTIONS.map((s) => {
            const items = sections.get(s) ?? [];
            // Scheduled peer dialogues belong under "Tulossa" too, not only in the calendar.
            const peers = s === "upcoming" ? peerDialogues.filter((p) => p.upcoming) : [];
            if (items.length === 0 && peers.length === 0) return null;
            return (
              <section key={s} aria-labelledby={`section-${s}`}>
                <h2 id={`section-${s}`} className={styles.sectionTitle}>
                  {t(`sections.${s}`)}
                </h2>
                {items.length > 0 && (
                  <ul className={styles.list}>
                    {items.map(({ entry, children }) => renderEntry(entry, children, false))}
                  </ul>
                )}
                {peers.length > 0 && <UpcomingPeerDialogues items={peers} />}
              </section>
            );
          })}
          <OrgPeerDialogues items={peerDialogues} />
          {org.source && <SourceListing source={org.source} />}
          {principal && !editable && <OrgAccess orgId={id} />}
        </>
      )}
      {history && (
        <Suspense fallback={null}>
          <HistoryDialog
            entry={history.entry}
            open={history.open}
            onClose={() => {
              setHistory((h) => h && { ...h, open: false });
              returnFocus(history.opener);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
