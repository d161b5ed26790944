import { slugify } from "../ids";
import { ORG_TYPES, type OrganisationFields } from "../types";
import { checkId } from "./entry-input";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "./limits";

const EDITABLE = ["id", "shortName", "names", "type", "contact", "listingMissing", "requiresReview"];
const SERVER_OWNED = [
  "entryCount",
  "sectionCounts",
  "createdAt",
  "updatedAt",
  "updatedBy",
  "etag",
  "sourceId",
  "source",
];

/**
 * Validates an organisation body. On create the id may be given or is derived from the short
 * name; on update it comes from the URL and a differing body id is refused.
 */
export function parseOrganisationInput(
  body: unknown,
  targetId?: string,
): { id: string; fields: OrganisationFields } {
  const c = new FieldChecker();
  const b = c.object("body", body) ?? {};
  c.knownKeys("", b, EDITABLE, SERVER_OWNED);
  const shortName = c.line("shortName", b.shortName, { required: true, max: LIMITS.shortName });
  const names = c.object("names", b.names) ?? {};
  c.knownKeys("names.", names, ["fi", "sv", "en"]);
  const fi = c.line("names.fi", names.fi, { required: true, max: LIMITS.orgName });
  const sv = c.line("names.sv", names.sv, { max: LIMITS.orgName });
  const en = c.line("names.en", names.en, { max: LIMITS.orgName });

  let id: string | undefined;
  if (targetId) {
    id = targetId;
    if (b.id !== undefined && b.id !== targetId) c.fail("id", "mismatch");
  } else if (b.id !== undefined && b.id !== "") {
    id = checkId(c, "id", b.id, "org");
  } else if (shortName) {
    id = slugify(shortName) || c.fail("id", "required");
  }

  const fields: OrganisationFields = {
    shortName: shortName ?? "",
    names: { fi: fi ?? "", ...(sv ? { sv } : {}), ...(en ? { en } : {}) },
    type: c.oneOf("type", b.type, ORG_TYPES) ?? "other",
    listingMissing: c.bool("listingMissing", b.listingMissing, false),
    requiresReview: c.bool("requiresReview", b.requiresReview, false),
  };
  const contact = c.line("contact", b.contact, { max: LIMITS.contact });
  if (contact) fields.contact = contact;
  c.throwIfAny();
  return { id: id!, fields };
}
