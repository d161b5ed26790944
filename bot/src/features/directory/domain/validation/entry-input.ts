import { ENTRY_FIELD_NAMES } from "@dialogi/contracts";
import { isEntryId, isOrgId } from "../ids";
import { parseTimeText } from "../listing/time-parse";
import { hasKeyIllegalChars } from "../../../../platform/text/text-rules";
import { SECTIONS, WORK_AREAS, type EntryFields, type EntryTime } from "../types";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "./limits";

/** What validation needs to know about the directory (answered from the read model). */
export interface EntryLookups {
  orgExists(orgId: string): boolean;
  /** The parent's own parentId when it exists in that organisation; null when it does not exist. */
  parentOf(orgId: string, entryId: string): string | undefined | null;
  hasChildren(orgId: string, entryId: string): boolean;
}

const EDITABLE = ["orgId", ...ENTRY_FIELD_NAMES] as const;
/** Server-owned fields a client may echo back from a GET; they are ignored, not refused. */
const SERVER_OWNED = [
  "id",
  "order",
  "status",
  "moderationNote",
  "createdAt",
  "updatedAt",
  "updatedBy",
  "etag",
  "listedAt",
  "sourceId",
  "needsUpdate",
];

/** Checks an id taken from the URL or body: key-illegal characters and shape. */
export function checkId(
  c: FieldChecker,
  path: string,
  value: unknown,
  kind: "org" | "entry",
): string | undefined {
  if (value === undefined || value === null || value === "") return c.fail(path, "required");
  if (typeof value !== "string") return c.fail(path, "invalidType", { expected: "string" });
  if (hasKeyIllegalChars(value)) return c.fail(path, "invalidChars");
  const ok = kind === "org" ? isOrgId(value) : isEntryId(value);
  return ok ? value : c.fail(path, "invalidId");
}

function checkTime(c: FieldChecker, raw: unknown): EntryTime {
  const t = c.object("time", raw, false);
  if (!t) return { text: "" };
  c.knownKeys("time.", t, ["text", "year", "start", "end"]);
  const text = c.line("time.text", t.text, { max: LIMITS.timeText }) ?? "";
  let year = c.int("time.year", t.year, 1900, 2100);
  let start = c.isoDate("time.start", t.start);
  let end = c.isoDate("time.end", t.end);
  if (start && end && start > end) c.fail("time.end", "invalidValue", { allowed: `≥ ${start}` });
  if (text && year === undefined && start === undefined && end === undefined) {
    // The author typed only free text: derive what we can, as the importer does.
    ({ year, start, end } = parseTimeText(text) ?? {});
  }
  return {
    text,
    ...(year !== undefined ? { year } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
  };
}

/**
 * Validates an entry body from the API (create: with `orgId`; update: `orgId` comes from the
 * URL and the body may repeat it). Throws ValidationError listing every bad field.
 */
export function parseEntryInput(
  body: unknown,
  lookups: EntryLookups,
  target: { orgId?: string; entryId?: string } = {},
): { orgId: string; fields: EntryFields } {
  const c = new FieldChecker();
  const b = c.object("body", body) ?? {};
  c.knownKeys("", b, EDITABLE, SERVER_OWNED);

  let orgId: string | undefined;
  if (target.orgId) {
    orgId = target.orgId;
    if (b.orgId !== undefined && b.orgId !== target.orgId) c.fail("orgId", "mismatch");
  } else {
    orgId = checkId(c, "orgId", b.orgId, "org");
    if (orgId && !lookups.orgExists(orgId)) orgId = c.fail("orgId", "unknownOrg");
  }

  let parentId: string | undefined;
  if (b.parentId !== undefined && b.parentId !== null && b.parentId !== "") {
    parentId = checkId(c, "parentId", b.parentId, "entry");
    if (parentId && orgId) {
      const grandParent = lookups.parentOf(orgId, parentId);
      // One level of nesting, as in the listing; an entry is never its own parent.
      const nested = target.entryId !== undefined && lookups.hasChildren(orgId, target.entryId);
      if (grandParent === null || grandParent !== undefined || parentId === target.entryId || nested) {
        parentId = c.fail("parentId", "unknownParent");
      }
    }
  }

  const fields: EntryFields = {
    section: c.oneOf("section", b.section, SECTIONS) ?? "done",
    title: c.line("title", b.title, { required: true, max: LIMITS.title }) ?? "",
    description: c.text("description", b.description, { max: LIMITS.description }) ?? "",
    time: checkTime(c, b.time),
    places: c.list("places", b.places, { maxItems: LIMITS.listItems, maxLength: LIMITS.listItem }),
    partners: c.list("partners", b.partners, { maxItems: LIMITS.listItems, maxLength: LIMITS.listItem }),
    themes: c.list("themes", b.themes, { maxItems: LIMITS.listItems, maxLength: LIMITS.listItem }),
    areas: c.listOf("areas", b.areas, WORK_AREAS),
  };
  if (parentId) fields.parentId = parentId;
  const eventCount = c.int("eventCount", b.eventCount, 0, 100_000);
  if (eventCount !== undefined) fields.eventCount = eventCount;
  const language = c.line("language", b.language, { max: 8 });
  if (language !== undefined) {
    if (/^[a-z]{2,3}$/.test(language)) fields.language = language;
    else c.fail("language", "invalidValue", { allowed: "fi, sv, en, se, …" });
  }
  const link = c.url("link", b.link);
  if (link) fields.link = link;
  // Provenance of entries made from a dialogue: short ids, stored as given.
  for (const key of ["dialogueId", "method", "participationLevel"] as const) {
    const value = c.line(key, b[key], { max: 40 });
    if (value === undefined || value === "") continue;
    if (/^[A-Z0-9-]{1,40}$/i.test(value)) fields[key] = value;
    else c.fail(key, "invalidValue", { allowed: "A–Z, a–z, 0–9, -" });
  }

  c.throwIfAny();
  return { orgId: orgId!, fields };
}
