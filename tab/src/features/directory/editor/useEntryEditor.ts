import type { Entry } from "@dialogi/contracts";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../platform/api/client";
import { invalidateDirectory } from "../../../platform/api/organisations";
import { canEdit, usePrincipal } from "../../../platform/auth/session";
import { navigate } from "../../../platform/lib/router";
import { errorMessage, useAsync } from "../../../platform/lib/useAsync";
import { createEntry, deleteEntry, getOrganisation, updateEntry } from "../api";
import {
  emptyForm,
  formFieldOf,
  fromEntry,
  mergeForm,
  splitList,
  toFields,
  validate,
  type ClashChoice,
  type FormField,
  type FormValues,
} from "./form";

/** Messages per form field. */
export type Problems = Partial<Record<FormField, string>>;

/** A 409/412 answer: the stored entry, and whether saving or deleting met it. */
export type Conflict = { current: Entry; reason: "save" | "delete" };

function isEntry(x: unknown): x is Entry {
  return Boolean(x && typeof x === "object" && "id" in x && "etag" in x && "title" in x);
}

/**
 * The entry editor's state and logic: the form (filled once from the stored entry), field
 * problems (client checks, then the server's), save and delete with `If-Match`, and the conflict
 * a stale ETag brings (merge or discard). The view only renders what this returns.
 */
export function useEntryEditor({ orgId, entryId }: { orgId?: string; entryId?: string }) {
  const { t } = useTranslation();
  const principal = usePrincipal();
  const isNew = !entryId;

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
  const [problems, setProblems] = useState<Problems>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [submitError, setSubmitError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const [mergeNote, setMergeNote] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mergeNoteRef = useRef<HTMLDivElement>(null);
  /** A field the user chose to edit by hand after a merge (the view focuses it). */
  const editAfterMerge = useRef<FormField | undefined>(undefined);

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

  const set = <K extends FormField>(key: K, value: FormValues[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (problems[key]) setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const showProblems = (fieldMsgs: Problems, others: string[] = []) => {
    setProblems(fieldMsgs);
    setOtherProblems(others);
    window.setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const handleError = (err: unknown, reason: Conflict["reason"]) => {
    if (err instanceof ApiError && (err.status === 409 || err.status === 412) && isEntry(err.current)) {
      setConflict({ current: err.current, reason });
      return;
    }
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
      const mapped: Problems = {};
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

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitError(undefined);
    setMergeNote(undefined);
    const local = validate(form, isNew);
    if (Object.keys(local).length > 0) {
      showProblems(
        Object.fromEntries(Object.entries(local).map(([k, p]) => [k, t(p!.key, p!.params)])) as Problems,
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
      const flash =
        saved.draft?.status === "pending"
          ? "pendingEdit"
          : saved.status === "pending"
            ? "pending"
            : isNew
              ? "created"
              : "updated";
      navigate(
        `#/org/${encodeURIComponent(saved.orgId)}?entry=${encodeURIComponent(saved.id)}&saved=${flash}`,
      );
    } catch (err) {
      handleError(err, "save");
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const held = await deleteEntry(orgId!, entryId!, etag ?? "");
      invalidateDirectory();
      setConfirmDelete(false);
      navigate(`#/org/${encodeURIComponent(orgId!)}?saved=${held?.entry ? "pendingDelete" : "deleted"}`);
    } catch (err) {
      setConfirmDelete(false);
      handleError(err, "delete");
    } finally {
      setBusy(false);
    }
  };

  /** Takes the stored entry as the new base, with `next` in the form, and says what happened. */
  const resolve = (current: Entry, next: FormValues, note: string) => {
    setForm(next);
    setBase(current);
    setEtag(current.etag);
    setConflict(undefined);
    setMergeNote(note);
    window.setTimeout(() => {
      // A field chosen "edit" gets the focus (the note is a status region, so it is still read).
      const field = editAfterMerge.current;
      editAfterMerge.current = undefined;
      const input = field ? document.querySelector<HTMLElement>(`form [name="${field}"]`) : null;
      (input ?? mergeNoteRef.current)?.focus();
    }, 0);
  };

  const merge = (choices: Partial<Record<FormField, ClashChoice>> = {}) => {
    if (!conflict) return;
    const theirs = fromEntry(conflict.current);
    const { merged, clashes } = mergeForm(base ? fromEntry(base) : theirs, form, theirs, choices);
    const names = (c: ClashChoice) =>
      clashes
        .filter((f) => (choices[f] ?? "mine") === c)
        .map((f) => t(`form.${f}`))
        .join(", ");
    const parts = (["mine", "theirs", "edit"] as const)
      .filter((c) => names(c))
      .map((c) => t(`conflict.took.${c}`, { fields: names(c) }));
    const toEdit = clashes.find((f) => choices[f] === "edit");
    if (toEdit && conflict.reason !== "delete") editAfterMerge.current = toEdit;
    resolve(
      conflict.current,
      conflict.reason === "delete" ? theirs : merged,
      clashes.length > 0 ? `${t("conflict.mergedChoices")} ${parts.join(" ")}` : t("conflict.merged"),
    );
  };

  const discard = () => {
    if (!conflict) return;
    resolve(conflict.current, fromEntry(conflict.current), t("conflict.discarded"));
  };

  /** A field's value as the conflict panel shows it. */
  const display = (f: FormField, v: FormValues): string => {
    if (f === "section") return t(`sections.${v.section}`);
    if (f === "areas") return v.areas.map((a) => t(`areas.${a}`)).join(", ");
    if (f === "parentId") return entries.find((e) => e.id === v.parentId)?.title ?? v.parentId;
    if (f === "language") return v.language ? t(`languages.${v.language}`, { defaultValue: v.language }) : "";
    if (f === "places" || f === "partners" || f === "themes") return splitList(v[f]).join(", ");
    return String(v[f] ?? "");
  };

  return {
    isNew,
    form,
    set,
    currentOrgId,
    orgData,
    entries,
    existing,
    base,
    problems,
    otherProblems,
    submitError,
    busy,
    conflict,
    mergeNote,
    confirmDelete,
    setConfirmDelete,
    summaryRef,
    mergeNoteRef,
    editAfterMerge,
    save,
    remove,
    merge,
    discard,
    display,
  };
}
