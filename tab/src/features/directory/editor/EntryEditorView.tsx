import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../../platform/api/organisations";
import { canEdit, usePrincipal } from "../../../platform/auth/session";
import { ErrorState, Loading } from "../../../platform/components/Status";
import { returnFocus } from "../../../platform/lib/focus";
import { formatDateTime, orgName, sortByOrgName } from "../../../platform/lib/format";
import { useAsync } from "../../../platform/lib/useAsync";
import { useTitle } from "../../../platform/lib/useTitle";
import { ConflictPanel } from "./ConflictPanel";
import { DeleteDialog } from "./DeleteDialog";
import { EntryFormFields } from "./EntryFormFields";
import { fromEntry, type FormField } from "./form";
import { ProblemSummary } from "./ProblemSummary";
import { useEditorStyles } from "./styles";
import { useEntryEditor } from "./useEntryEditor";
import { RequestAccess } from "../../admin";

/**
 * Enter in a single-line field would submit the whole entry (the browser's implicit submission)
 * before the rest is filled in: only the Save button (or Enter on it) saves. Textareas keep
 * their new lines; pickers (combobox, date) have handled their own Enter by now.
 */
function preventImplicitSubmit(e: React.KeyboardEvent<HTMLFormElement>) {
  const target = e.target as HTMLElement;
  if (e.key === "Enter" && target instanceof HTMLInputElement && !["submit", "button"].includes(target.type))
    e.preventDefault();
}

/** `#/entry/new` and `#/entry/:orgId/:id/edit`: the staff editor (lazy-loaded). */
export default function EntryEditorView({ orgId, entryId }: { orgId?: string; entryId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useEditorStyles();
  const principal = usePrincipal();
  const editor = useEntryEditor({ orgId, entryId });
  const { isNew, form, currentOrgId, orgData, entries, existing, base, conflict, busy } = editor;
  const formRef = useRef<HTMLFormElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const orgs = useAsync(() => loadOrganisations(), "orgs");
  const editableOrgs = useMemo(
    () =>
      sortByOrgName(
        (orgs.data ?? []).filter((o) => canEdit(principal, o.id)),
        lang,
      ),
    [orgs.data, principal, lang],
  );

  const title = isNew ? t("editor.newTitle") : t("editor.editTitle");
  useTitle(title);

  const hasChildren = !isNew && entries.some((e) => e.parentId === entryId);

  const focusField = (f: FormField) => {
    const el = formRef.current?.querySelector<HTMLElement>(`[name="${f}"]`);
    el?.focus();
  };

  // --- states before the form ---
  const backHref = currentOrgId ? `#/org/${encodeURIComponent(currentOrgId)}` : "#/directory";
  const header = (
    <>
      <a className={styles.back} href={backHref}>
        {currentOrgId ? t("editor.backToOrg") : t("org.back")}
      </a>
      <h1>{title}</h1>
    </>
  );
  const before = (state: React.ReactNode) => (
    <>
      {header}
      {state}
    </>
  );
  if (isNew ? editableOrgs.length === 0 && orgs.status === "ready" : orgId && !canEdit(principal, orgId))
    return before(<RequestAccess orgId={orgId} />);
  if (orgs.status === "error") return before(<ErrorState message={orgs.error} onRetry={orgs.reload} />);
  if (!isNew && orgData.status === "error")
    return before(<ErrorState message={orgData.error} onRetry={orgData.reload} />);
  if (!isNew && orgData.status === "ready" && !existing && !base)
    return before(<ErrorState message={t("editor.notFound")} />);
  if ((!isNew && !base) || orgs.status === "loading") return before(<Loading label={t("status.loading")} />);

  const org = (orgs.data ?? []).find((o) => o.id === currentOrgId);

  return (
    <>
      {header}
      {org && !isNew && <p>{orgName(org.names, lang)}</p>}
      {org?.requiresReview && !principal?.coordinator && (
        <MessageBar intent="info">
          <MessageBarBody>{t("editor.reviewNotice")}</MessageBarBody>
        </MessageBar>
      )}
      {base?.draft && (
        <MessageBar intent={base.draft.status === "pending" ? "warning" : "error"} layout="multiline">
          <MessageBarBody>
            {base.draft.status === "pending"
              ? t("editor.draftPending", { at: formatDateTime(base.draft.updatedAt, lang) })
              : t("editor.draftRejected")}
            {base.draft.moderationNote && ` ${t("org.moderationNote", { note: base.draft.moderationNote })}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <ConflictPanel
          base={fromEntry(base ?? conflict.current)}
          mine={form}
          theirs={fromEntry(conflict.current)}
          current={conflict.current}
          display={editor.display}
          onMerge={editor.merge}
          onDiscard={editor.discard}
        />
      )}
      {editor.mergeNote && (
        <div ref={editor.mergeNoteRef} tabIndex={-1} role="status">
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{editor.mergeNote}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {editor.submitError && <ErrorState message={editor.submitError} />}
      <ProblemSummary
        problems={editor.problems}
        otherProblems={editor.otherProblems}
        summaryRef={editor.summaryRef}
        focusField={focusField}
      />

      <form
        ref={formRef}
        className={styles.form}
        onSubmit={editor.save}
        onKeyDown={preventImplicitSubmit}
        noValidate
        aria-labelledby="editor-form-title"
      >
        <h2 id="editor-form-title" className="visually-hidden">
          {t("editor.formTitle")}
        </h2>
        <p className={styles.required}>{t("editor.requiredNote")}</p>
        <EntryFormFields
          form={form}
          set={editor.set}
          problems={editor.problems}
          isNew={isNew}
          editableOrgs={editableOrgs}
          parentChoices={entries.filter((e) => !e.parentId && e.id !== entryId)}
          hasChildren={hasChildren}
        />
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={busy || Boolean(conflict)}>
            {busy ? t("editor.saving") : isNew ? t("editor.create") : t("editor.save")}
          </Button>
          <Button as="a" href={backHref}>
            {t("actions.cancel")}
          </Button>
          <span className={styles.spacer} />
          {!isNew && (
            <Button
              ref={deleteButton}
              appearance="secondary"
              onClick={() => editor.setConfirmDelete(true)}
              disabled={busy || hasChildren}
            >
              {t("actions.delete")}
            </Button>
          )}
        </div>
        {hasChildren && !isNew && <p className={styles.required}>{t("editor.deleteChildrenFirst")}</p>}
      </form>
      {!isNew && base && (
        <DeleteDialog
          open={editor.confirmDelete}
          title={base.title}
          busy={busy}
          onConfirm={editor.remove}
          onCancel={() => {
            editor.setConfirmDelete(false);
            returnFocus(deleteButton.current);
          }}
        />
      )}
    </>
  );
}
