import {
  LIMITS,
  SECTIONS,
  WORK_AREAS,
  type Entry,
  type EntryFields,
  type Section,
  type WorkArea,
} from "@dialogi/contracts";

/** The editor's state: strings as typed (lists comma-separated), converted on save. */
export interface FormValues {
  orgId: string;
  section: Section;
  title: string;
  description: string;
  parentId: string;
  timeText: string;
  year: string;
  start: string;
  end: string;
  places: string;
  partners: string;
  themes: string;
  eventCount: string;
  areas: WorkArea[];
  language: string;
  link: string;
}

export type FormField = keyof FormValues;

/** Form fields in display order (the error summary follows it). */
export const FORM_FIELDS: FormField[] = [
  "orgId",
  "section",
  "parentId",
  "title",
  "description",
  "timeText",
  "year",
  "start",
  "end",
  "places",
  "partners",
  "eventCount",
  "themes",
  "areas",
  "language",
  "link",
];

export function emptyForm(orgId = "", section: Section = "done"): FormValues {
  return {
    orgId,
    section,
    title: "",
    description: "",
    parentId: "",
    timeText: "",
    year: "",
    start: "",
    end: "",
    places: "",
    partners: "",
    themes: "",
    eventCount: "",
    areas: [],
    language: "",
    link: "",
  };
}

/** The form of an entry: its pending edit when there is one (readers see the published fields). */
export function fromEntry(entry: Entry): FormValues {
  const e = entry.draft ? ({ ...entry.draft.fields, orgId: entry.orgId } as Entry) : entry;
  return {
    orgId: e.orgId,
    section: SECTIONS.includes(e.section) ? e.section : "done",
    title: e.title ?? "",
    description: e.description ?? "",
    parentId: e.parentId ?? "",
    timeText: e.time?.text ?? "",
    year: e.time?.year !== undefined ? String(e.time.year) : "",
    start: e.time?.start ?? "",
    end: e.time?.end ?? "",
    places: (e.places ?? []).join(", "),
    partners: (e.partners ?? []).join(", "),
    themes: (e.themes ?? []).join(", "),
    eventCount: e.eventCount !== undefined ? String(e.eventCount) : "",
    areas: (e.areas ?? []).filter((a) => WORK_AREAS.includes(a)),
    language: e.language ?? "",
    link: e.link ?? "",
  };
}

export function splitList(s: string): string[] {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The API body (EntryFields) for the form's values. */
export function toFields(v: FormValues): EntryFields {
  const time: EntryFields["time"] = { text: v.timeText.trim() };
  if (v.year.trim()) time.year = Number(v.year.trim());
  if (v.start) time.start = v.start;
  if (v.end) time.end = v.end;
  const fields: EntryFields = {
    section: v.section,
    title: v.title.trim(),
    description: v.description.trim(),
    time,
    places: splitList(v.places),
    partners: splitList(v.partners),
    themes: splitList(v.themes),
    areas: v.areas,
  };
  if (v.parentId) fields.parentId = v.parentId;
  if (v.eventCount.trim()) fields.eventCount = Number(v.eventCount.trim());
  if (v.language) fields.language = v.language;
  if (v.link.trim()) fields.link = v.link.trim();
  return fields;
}

/** A client-side problem: a translation key and its parameters. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());
}

function checkList(s: string): Problem | undefined {
  const items = splitList(s);
  if (items.length > LIMITS.listItems)
    return { key: "validation.tooManyItems", params: { max: LIMITS.listItems } };
  if (items.some((i) => i.length > LIMITS.listItem))
    return { key: "validation.itemTooLong", params: { max: LIMITS.listItem } };
  return undefined;
}

/**
 * The checks the browser can do before sending (required, lengths, numbers, dates, URL).
 * The server checks everything again and its field messages win.
 */
export function validate(v: FormValues, isNew: boolean): Partial<Record<FormField, Problem>> {
  const p: Partial<Record<FormField, Problem>> = {};
  if (isNew && !v.orgId) p.orgId = { key: "validation.required" };
  if (!v.title.trim()) p.title = { key: "validation.required" };
  else if (v.title.trim().length > LIMITS.title)
    p.title = { key: "validation.tooLong", params: { max: LIMITS.title } };
  if (v.description.trim().length > LIMITS.description)
    p.description = { key: "validation.tooLong", params: { max: LIMITS.description } };
  if (v.timeText.trim().length > LIMITS.timeText)
    p.timeText = { key: "validation.tooLong", params: { max: LIMITS.timeText } };
  if (v.year.trim()) {
    const y = Number(v.year.trim());
    if (!Number.isInteger(y) || y < 1900 || y > 2100)
      p.year = { key: "validation.year", params: { min: 1900, max: 2100 } };
  }
  if (v.start && !isDate(v.start)) p.start = { key: "validation.date" };
  if (v.end && !isDate(v.end)) p.end = { key: "validation.date" };
  if (!p.start && !p.end && v.start && v.end && v.end < v.start) p.end = { key: "validation.endBeforeStart" };
  for (const f of ["places", "partners", "themes"] as const) {
    const problem = checkList(v[f]);
    if (problem) p[f] = problem;
  }
  if (v.eventCount.trim()) {
    const n = Number(v.eventCount.trim());
    if (!Number.isInteger(n) || n < 0 || n > 100_000)
      p.eventCount = { key: "validation.count", params: { max: 100000 } };
  }
  if (v.link.trim()) {
    try {
      const u = new URL(v.link.trim());
      if (u.protocol !== "https:" && u.protocol !== "http:") p.link = { key: "validation.url" };
    } catch {
      p.link = { key: "validation.url" };
    }
  }
  return p;
}

/** Maps a server field path (`time.text`, `places.2`) to the form field that shows it. */
export function formFieldOf(path: string): FormField | undefined {
  const [head, sub] = path.split(".");
  if (head === "time") {
    return sub === "year" ? "year" : sub === "start" ? "start" : sub === "end" ? "end" : "timeText";
  }
  return (FORM_FIELDS as string[]).includes(head ?? "") ? (head as FormField) : undefined;
}

/** Whether two form values are the same (lists compared as typed items). */
export function sameValue(f: FormField, a: FormValues, b: FormValues): boolean {
  if (f === "areas") return [...a.areas].sort().join() === [...b.areas].sort().join();
  if (f === "places" || f === "partners" || f === "themes")
    return splitList(a[f]).join("\n") === splitList(b[f]).join("\n");
  return String(a[f]).trim() === String(b[f]).trim();
}

/**
 * Three-way merge after a conflict: fields the user did not touch (mine = base) take the
 * saved version; fields the user changed keep the user's value. Returns the merged values
 * and the fields both sides changed differently (to point the user at them).
 */
/** For a field both people changed: keep mine, take theirs, or keep mine to edit by hand. */
export type ClashChoice = "mine" | "theirs" | "edit";

/** Fields both the user and the other person changed, to different values. */
export function clashingFields(base: FormValues, mine: FormValues, theirs: FormValues): FormField[] {
  return FORM_FIELDS.filter(
    (f) =>
      f !== "orgId" &&
      !sameValue(f, mine, base) &&
      !sameValue(f, theirs, base) &&
      !sameValue(f, theirs, mine),
  );
}

/**
 * Three-way merge: fields only the user changed keep the user's value, fields only the other
 * person changed take theirs, and a field both changed follows `choices` (theirs when so chosen;
 * otherwise the user's value stays in the form). Returns the clashes for the merge note.
 */
export function mergeForm(
  base: FormValues,
  mine: FormValues,
  theirs: FormValues,
  choices: Partial<Record<FormField, ClashChoice>> = {},
): { merged: FormValues; clashes: FormField[] } {
  const merged = { ...theirs };
  const clashes = clashingFields(base, mine, theirs);
  for (const f of FORM_FIELDS) {
    if (f === "orgId") continue;
    if (sameValue(f, mine, base)) continue;
    if (clashes.includes(f) && choices[f] === "theirs") continue;
    (merged as Record<FormField, unknown>)[f] = mine[f];
  }
  return { merged, clashes };
}
