import { SECTIONS, WORK_AREAS, type OrganisationView } from "@dialogi/contracts";
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { orgName } from "../../platform/lib/format";
import { useDirectoryStyles } from "./directoryStyles";
import type { Filters } from "./useDirectoryFilters";

interface SearchFormProps {
  filters: Filters;
  active: boolean;
  set: (key: keyof Filters, value: string) => void;
  clear: () => void;
  /** Choices of the organisation, theme and year filters. */
  orgs: OrganisationView[];
  themes: string[];
  years: number[];
}

/** The directory's search box and filters (`role="search"`). */
export function SearchForm({ filters, active, set, clear, orgs, themes, years }: SearchFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useDirectoryStyles();

  /** A filter select: "all" and then the choices. */
  const filter = (key: keyof Filters, label: string, options: { value: string; label: string }[]) => (
    <Field label={label} className={styles.cell}>
      <Select className={styles.select} value={filters[key]} onChange={(_, d) => set(key, d.value)}>
        <option value="">{t("filters.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <form
      role="search"
      aria-label={t("directory.searchRegion")}
      className={styles.search}
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label={t("directory.searchLabel")} hint={t("directory.searchHint")} className={styles.query}>
        <Input
          type="search"
          value={filters.q}
          onChange={(_, d) => set("q", d.value)}
          autoComplete="off"
          maxLength={200}
        />
      </Field>
      {filter(
        "org",
        t("filters.org"),
        orgs.map((o) => ({ value: o.id, label: orgName(o.names, lang) })),
      )}
      {filter(
        "section",
        t("filters.section"),
        SECTIONS.map((s) => ({ value: s, label: t(`sections.${s}`) })),
      )}
      {filter(
        "tag",
        t("filters.theme"),
        themes.map((th) => ({ value: th, label: th })),
      )}
      {filter(
        "area",
        t("filters.area"),
        WORK_AREAS.map((a) => ({ value: a, label: t(`areas.${a}`) })),
      )}
      {filter(
        "year",
        t("filters.year"),
        years.map((y) => ({ value: String(y), label: String(y) })),
      )}
      {active && (
        <Button className={styles.clear} onClick={clear}>
          {t("filters.clear")}
        </Button>
      )}
    </form>
  );
}
