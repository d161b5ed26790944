import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  type InputProps,
} from "@fluentui/react-components";
import {
  LANGUAGES,
  LIMITS,
  SECTIONS,
  WORK_AREAS,
  type Entry,
  type OrganisationView,
  type Section,
  type WorkArea,
} from "@dialogi/contracts";
import { useTranslation } from "react-i18next";
import { OrgOptions } from "../../../platform/components/OrgOptions";
import type { FormField, FormValues } from "./form";
import { useEditorStyles } from "./styles";
import type { Problems } from "./useEntryEditor";

/** Content languages an entry can name: the app's languages and Northern Sami. */
const LANGUAGE_CODES = [...LANGUAGES, "se"] as const;

/** The form fields whose value is a plain string typed into an input. */
type TextField =
  "title" | "timeText" | "year" | "start" | "end" | "places" | "partners" | "eventCount" | "themes" | "link";

interface FieldsProps {
  form: FormValues;
  set: <K extends FormField>(key: K, value: FormValues[K]) => void;
  problems: Problems;
  isNew: boolean;
  /** Organisations the user may add entries to (the choice on a new entry). */
  editableOrgs: OrganisationView[];
  /** Top-level entries of the organisation, other than this one. */
  parentChoices: Entry[];
  /** The entry has sub-entries (so it cannot become one). */
  hasChildren: boolean;
}

/** The editor's fields in display order (FORM_FIELDS), each with its label, hint and problem. */
export function EntryFormFields({
  form,
  set,
  problems,
  isNew,
  editableOrgs,
  parentChoices,
  hasChildren,
}: FieldsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useEditorStyles();

  const fieldProps = (f: FormField) => ({
    validationMessage: problems[f],
    validationState: problems[f] ? ("error" as const) : ("none" as const),
  });
  const text = (f: TextField, hint?: string, input: Partial<InputProps> = {}) => (
    <Field label={t(`form.${f}`)} hint={hint} {...fieldProps(f)}>
      <Input name={f} value={form[f]} onChange={(_, d) => set(f, d.value)} {...input} />
    </Field>
  );

  return (
    <>
      {isNew && (
        <Field label={t("form.orgId")} required {...fieldProps("orgId")}>
          <Select name="orgId" value={form.orgId} onChange={(_, d) => set("orgId", d.value)}>
            <option value="">{t("editor.chooseOrg")}</option>
            <OrgOptions orgs={editableOrgs} lang={lang} />
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
          {text("timeText", t("editor.timeHint"))}
          <div className={styles.row}>
            {text("year", undefined, { inputMode: "numeric" })}
            {text("start", undefined, { type: "date" })}
            {text("end", undefined, { type: "date" })}
          </div>
        </div>
      </fieldset>
      {text("places", t("editor.listHint"))}
      {text("partners", t("editor.listHint"))}
      <div className={styles.row}>
        {text("eventCount", undefined, { inputMode: "numeric" })}
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
      {text("themes", t("editor.listHint"))}
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
      {text("link", t("editor.linkHint"), { type: "url" })}
    </>
  );
}
