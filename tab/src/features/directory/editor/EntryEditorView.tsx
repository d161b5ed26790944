import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { invalidateDirectory, loadOrganisations } from "../../../platform/api/organisations";
import { ApiError } from "../../../platform/api/client";
import { createEntry, deleteEntry, getOrganisation, updateEntry } from "../api";
import {
  LIMITS,
  SECTIONS,
  WORK_AREAS,
  type Entry,
  type Organisation,
  type Section,
  type WorkArea,
} from "@dialogi/contracts";
import { canEdit, usePrincipal } from "../../../platform/auth/session";
import { ErrorState, Loading } from "../../../platform/components/Status";
import { orgName } from "../../../platform/lib/format";
import { navigate } from "../../../platform/lib/router";
import { returnFocus } from "../../../platform/lib/focus";
import { errorMessage, useAsync } from "../../../platform/lib/useAsync";
import { useTitle } from "../../../platform/lib/useTitle";
import { ConflictPanel } from "./ConflictPanel";
import { DeleteDialog } from "./DeleteDialog";
import {
  FORM_FIELDS,
  emptyForm,
  formFieldOf,
  fromEntry,
  mergeForm,
  splitList,
  toFields,
  validate,
  type FormField,
  type FormValues,
} from "./form";

const LANGUAGE_CODES = ["fi", "sv", "en", "se"] as const;

const useStyles = makeStyles({
  back: {
    color: tokens.colorBrandForegroundLink,
    display: "inline-block",
    marginBottom: tokens.spacingVerticalS,
  },
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "48rem" },
  row: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))",
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  areas: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))" },
  fieldsetError: { color: tokens.colorPaletteRedForeground1, margin: `${tokens.spacingVerticalXS} 0 0` },
  summary: {
    padding: tokens.spacingHorizontalL,
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  summaryTitle: { marginTop: 0, fontSize: tokens.fontSizeBase400 },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "center" },
  spacer: { flexGrow: 1 },
  required: { color: tokens.colorNeutralForeground2, margin: 0 },
});

type Conflict = { current: Entry; reason: "save" | "delete" };

/** `#/entry/new` and `#/entry/:orgId/:id/edit`: the staff editor (lazy-loaded). */
export default function EntryEditorView({ orgId, entryId }: { orgId?: string; entryId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useStyles();
  const principal = usePrincipal();
  const isNew = !entryId;

  const orgs = useAsync(() => loadOrganisations(), "orgs");
  const editableOrgs = useMemo(
    () =>
      (orgs.data ?? [])
        .filter((o) => canEdit(principal, o.id))
        .sort((a, b) => orgName(a.names, lang).localeCompare(orgName(b.names, lang), lang)),
    [orgs.data, principal, lang],
  );

  const [form, setForm] = useState<FormValues>(() => {
    const initialOrg =
      orgId && canEdit(principal, orgId)
        ? orgId
        : principal?.staffOf.length === 1
          ? principal.staffOf[0]
          : "";
    return emptyForm(initialOrg ?? "");
  });
  const [base, setBase] = useState<Entry>();
  const [etag, setEtag] = useState<string>();
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [submitError, setSubmitError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const [mergeNote, setMergeNote] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mergeNoteRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const currentOrgId = isNew ? form.orgId : (orgId ?? "");
  const orgData = useAsync((signal) => getOrganisation(currentOrgId, signal), currentOrgId || null);
  const entries = useMemo(() => orgData.data?.entries ?? [], [orgData.data]);
  const existing = isNew ? undefined : entries.find((e) => e.id === entryId);

  // Fill the form once from the stored entry.
  useEffect(() => {
    if (!isNew && existing && !base) {
      setForm(fromEntry(existing));
      setBase(existing);
      setEtag(existing.etag);
    }
  }, [isNew, existing, base]);

  const title = isNew ? t("editor.newTitle") : t("editor.editTitle");
  useTitle(title);

  const hasChildren = !isNew && entries.some((e) => e.parentId === entryId);
  const parentChoices = entries.filter((e) => !e.parentId && e.id !== entryId);

  const set = <K extends FormField>(key: K, value: FormValues[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (problems[key]) setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const focusField = (f: FormField) => {
    const el = formRef.current?.querySelector<HTMLElement>(`[name="${f}"]`);
    el?.focus();
  };

  const showProblems = (fieldMsgs: Partial<Record<FormField, string>>, others: string[] = []) => {
    setProblems(fieldMsgs);
    setOtherProblems(others);
    window.setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const onSave = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitError(undefined);
    setMergeNote(undefined);
    const local = validate(form, isNew);
    if (Object.keys(local).length > 0) {
      showProblems(
        Object.fromEntries(Object.entries(local).map(([k, p]) => [k, t(p!.key, p!.params)])) as Partial<
          Record<FormField, string>
        >,
      );
      return;
    }
    setProblems({});
    setOtherProblems([]);
    setBusy(true);
    try {
      const fields = toFields(form);
      const saved = isNew
        ? (await createEntry(form.orgId, fields)).entry
        : (await updateEntry(orgId!, entryId!, fields, etag ?? "")).entry;
      invalidateDirectory();
      const flash = saved.status === "pending" ? "pending" : isNew ? "created" : "updated";
      navigate(
        `#/org/${encodeURIComponent(saved.orgId)}?entry=${encodeURIComponent(saved.id)}&saved=${flash}`,
      );
    } catch (err) {
      handleError(err, "save");
    } finally {
      setBusy(false);
    }
  };

  const handleError = (err: unknown, reason: Conflict["reason"]) => {
    if (err instanceof ApiError && (err.status === 409 || err.status === 412) && isEntry(err.current)) {
      setConflict({ current: err.current, reason });
      return;
    }
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
      const mapped: Partial<Record<FormField, string>> = {};
      const others: string[] = [];
      for (const [path, msg] of Object.entries(err.fields)) {
        const f = formFieldOf(path);
        if (f && !mapped[f]) mapped[f] = msg;
        else if (!f) others.push(msg);
      }
      showProblems(mapped, others);
      return;
    }
    setSubmitError(errorMessage(err));
  };

  const onDelete = async () => {
    setBusy(true);
    try {
      await deleteEntry(orgId!, entryId!, etag ?? "");
      invalidateDirectory();
      setConfirmDelete(false);
      navigate(`#/org/${encodeURIComponent(orgId!)}?saved=deleted`);
    } catch (err) {
      setConfirmDelete(false);
      handleError(err, "delete");
    } finally {
      setBusy(false);
    }
  };

  const display = (f: FormField, v: FormValues): string => {
    if (f === "section") return t(`sections.${v.section}`);
    if (f === "areas") return v.areas.map((a) => t(`areas.${a}`)).join(", ");
    if (f === "parentId") return entries.find((e) => e.id === v.parentId)?.title ?? v.parentId;
    if (f === "language") return v.language ? t(`languages.${v.language}`, { defaultValue: v.language }) : "";
    if (f === "places" || f === "partners" || f === "themes") return splitList(v[f]).join(", ");
    return String(v[f] ?? "");
  };

  const merge = () => {
    if (!conflict) return;
    const theirs = fromEntry(conflict.current);
    const { merged, clashes } = mergeForm(base ? fromEntry(base) : theirs, form, theirs);
    setForm(conflict.reason === "delete" ? theirs : merged);
    setBase(conflict.current);
    setEtag(conflict.current.etag);
    setConflict(undefined);
    setMergeNote(
      clashes.length > 0
        ? t("conflict.mergedClashes", { fields: clashes.map((f) => t(`form.${f}`)).join(", ") })
        : t("conflict.merged"),
    );
    window.setTimeout(() => mergeNoteRef.current?.focus(), 0);
  };

  const discard = () => {
    if (!conflict) return;
    setForm(fromEntry(conflict.current));
    setBase(conflict.current);
    setEtag(conflict.current.etag);
    setConflict(undefined);
    setMergeNote(t("conflict.discarded"));
    window.setTimeout(() => mergeNoteRef.current?.focus(), 0);
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
  if (isNew ? editableOrgs.length === 0 && orgs.status === "ready" : orgId && !canEdit(principal, orgId))
    return (
      <>
        {header}
        <ErrorState message={t("editor.notAllowed")} />
      </>
    );
  if (orgs.status === "error")
    return (
      <>
        {header}
        <ErrorState message={orgs.error} onRetry={orgs.reload} />
      </>
    );
  if (!isNew && orgData.status === "error")
    return (
      <>
        {header}
        <ErrorState message={orgData.error} onRetry={orgData.reload} />
      </>
    );
  if (!isNew && orgData.status === "ready" && !existing && !base)
    return (
      <>
        {header}
        <ErrorState message={t("editor.notFound")} />
      </>
    );
  if ((!isNew && !base) || orgs.status === "loading")
    return (
      <>
        {header}
        <Loading label={t("status.loading")} />
      </>
    );

  const fieldProps = (f: FormField) => ({
    validationMessage: problems[f],
    validationState: problems[f] ? ("error" as const) : ("none" as const),
  });
  const summaryItems = FORM_FIELDS.filter((f) => problems[f]);
  const org: Organisation | undefined = (orgs.data ?? []).find((o) => o.id === currentOrgId);

  return (
    <>
      {header}
      {org && !isNew && <p>{orgName(org.names, lang)}</p>}
      {org?.requiresReview && !principal?.coordinator && (
        <MessageBar intent="info">
          <MessageBarBody>{t("editor.reviewNotice")}</MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <ConflictPanel
          mine={form}
          theirs={fromEntry(conflict.current)}
          current={conflict.current}
          display={display}
          onMerge={merge}
          onDiscard={discard}
        />
      )}
      {mergeNote && (
        <div ref={mergeNoteRef} tabIndex={-1} role="status">
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{mergeNote}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {submitError && <ErrorState message={submitError} />}
      {(summaryItems.length > 0 || otherProblems.length > 0) && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className={styles.summary}
          aria-labelledby="summary-title"
        >
          <h2 id="summary-title" className={styles.summaryTitle}>
            {t("editor.fixErrors")}
          </h2>
          <ul>
            {summaryItems.map((f) => (
              <li key={f}>
                <Link as="button" onClick={() => focusField(f)}>
                  {t(`form.${f}`)}: {problems[f]}
                </Link>
              </li>
            ))}
            {otherProblems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <form
        ref={formRef}
        className={styles.form}
        onSubmit={onSave}
        noValidate
        aria-labelledby="editor-form-title"
      >
        <h2 id="editor-form-title" className="visually-hidden">
          {t("editor.formTitle")}
        </h2>
        <p className={styles.required}>{t("editor.requiredNote")}</p>
        {isNew && (
          <Field label={t("form.orgId")} required {...fieldProps("orgId")}>
            <Select name="orgId" value={form.orgId} onChange={(_, d) => set("orgId", d.value)}>
              <option value="">{t("editor.chooseOrg")}</option>
              {editableOrgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {orgName(o.names, lang)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t("form.section")} {...fieldProps("section")}>
          <RadioGroup
            name="section"
            value={form.section}
            onChange={(_, d) => set("section", d.value as Section)}
            layout="horizontal"
          >
            {SECTIONS.map((s) => (
              <Radio key={s} value={s} label={t(`sections.${s}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Field
          label={t("form.parentId")}
          hint={hasChildren ? t("editor.hasChildren") : t("editor.parentHint")}
          {...fieldProps("parentId")}
        >
          <Select
            name="parentId"
            value={form.parentId}
            disabled={hasChildren}
            onChange={(_, d) => set("parentId", d.value)}
          >
            <option value="">{t("editor.noParent")}</option>
            {parentChoices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title.length > 80 ? `${e.title.slice(0, 80)}…` : e.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("form.title")}
          required
          hint={t("editor.maxChars", { max: LIMITS.title })}
          {...fieldProps("title")}
        >
          <Input name="title" value={form.title} onChange={(_, d) => set("title", d.value)} />
        </Field>
        <Field
          label={t("form.description")}
          hint={t("editor.maxChars", { max: LIMITS.description })}
          {...fieldProps("description")}
        >
          <Textarea
            name="description"
            value={form.description}
            resize="vertical"
            rows={6}
            onChange={(_, d) => set("description", d.value)}
          />
        </Field>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t("editor.when")}</legend>
          <div className={styles.form}>
            <Field label={t("form.timeText")} hint={t("editor.timeHint")} {...fieldProps("timeText")}>
              <Input name="timeText" value={form.timeText} onChange={(_, d) => set("timeText", d.value)} />
            </Field>
            <div className={styles.row}>
              <Field label={t("form.year")} {...fieldProps("year")}>
                <Input
                  name="year"
                  inputMode="numeric"
                  value={form.year}
                  onChange={(_, d) => set("year", d.value)}
                />
              </Field>
              <Field label={t("form.start")} {...fieldProps("start")}>
                <Input
                  name="start"
                  type="date"
                  value={form.start}
                  onChange={(_, d) => set("start", d.value)}
                />
              </Field>
              <Field label={t("form.end")} {...fieldProps("end")}>
                <Input name="end" type="date" value={form.end} onChange={(_, d) => set("end", d.value)} />
              </Field>
            </div>
          </div>
        </fieldset>
        <Field label={t("form.places")} hint={t("editor.listHint")} {...fieldProps("places")}>
          <Input name="places" value={form.places} onChange={(_, d) => set("places", d.value)} />
        </Field>
        <Field label={t("form.partners")} hint={t("editor.listHint")} {...fieldProps("partners")}>
          <Input name="partners" value={form.partners} onChange={(_, d) => set("partners", d.value)} />
        </Field>
        <div className={styles.row}>
          <Field label={t("form.eventCount")} {...fieldProps("eventCount")}>
            <Input
              name="eventCount"
              inputMode="numeric"
              value={form.eventCount}
              onChange={(_, d) => set("eventCount", d.value)}
            />
          </Field>
          <Field label={t("form.language")} {...fieldProps("language")}>
            <Select name="language" value={form.language} onChange={(_, d) => set("language", d.value)}>
              <option value="">{t("editor.noLanguage")}</option>
              {LANGUAGE_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`languages.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t("form.themes")} hint={t("editor.listHint")} {...fieldProps("themes")}>
          <Input name="themes" value={form.themes} onChange={(_, d) => set("themes", d.value)} />
        </Field>
        <fieldset className={styles.fieldset} aria-describedby={problems.areas ? "areas-error" : undefined}>
          <legend className={styles.legend}>{t("form.areas")}</legend>
          <div className={styles.areas}>
            {WORK_AREAS.map((a, i) => (
              <Checkbox
                key={a}
                name={i === 0 ? "areas" : undefined}
                label={t(`areas.${a}`)}
                checked={form.areas.includes(a)}
                onChange={(_, d) =>
                  set("areas", d.checked ? [...form.areas, a] : form.areas.filter((x: WorkArea) => x !== a))
                }
              />
            ))}
          </div>
          {problems.areas && (
            <p id="areas-error" className={styles.fieldsetError}>
              {problems.areas}
            </p>
          )}
        </fieldset>
        <Field label={t("form.link")} hint={t("editor.linkHint")} {...fieldProps("link")}>
          <Input name="link" type="url" value={form.link} onChange={(_, d) => set("link", d.value)} />
        </Field>
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
              onClick={() => setConfirmDelete(true)}
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
          open={confirmDelete}
          title={base.title}
          busy={busy}
          onConfirm={onDelete}
          onCancel={() => {
            setConfirmDelete(false);
            returnFocus(deleteButton.current);
          }}
        />
      )}
    </>
  );
}

function isEntry(x: unknown): x is Entry {
  return Boolean(x && typeof x === "object" && "id" in x && "etag" in x && "title" in x);
}
