import { importedEntryId, identityText } from "../ids";
import { hasIllegalTextChars } from "../../../../platform/text/text-rules";
import type { EntryFields, OrganisationFields } from "../types";
import { LIMITS } from "../validation/limits";
import { bulletFields } from "./bullet-fields";
import { organisationForHeading } from "./known-organisations";
import { parseListing, type ListingProblem } from "./listing-parser";
import { listingSourceText, type ListingSourceText } from "./listing-source";

/** An organisation the listing defines. */
export interface ImportedOrganisation {
  id: string;
  line: number;
  fields: OrganisationFields;
}

/** An entry the listing defines, with its stable id. */
export interface ImportedEntry {
  id: string;
  orgId: string;
  line: number;
  order: number;
  fields: EntryFields;
}

/** What a listing file means for the directory, before anything is written. */
export interface ListingImport {
  organisations: ImportedOrganisation[];
  entries: ImportedEntry[];
  skipped: { line: number; text: string }[];
  problems: ListingProblem[];
  /** The listing's heading, date, introduction and closing notes. */
  source: ListingSourceText;
}

/**
 * Turns listing text into organisations and entries with stable ids (organisation slug; entry =
 * hash of organisation, section and normalised text), validated against the same limits as the
 * API. Problems are collected, never thrown, so the caller can report all of them and write nothing.
 */
export function listingToDirectory(source: string): ListingImport {
  const parsed = parseListing(source);
  const out: ListingImport = {
    organisations: [],
    entries: [],
    skipped: parsed.skipped,
    problems: [],
    source: listingSourceText(parsed.skipped, parsed.blocks[0]?.line, parsed.blocks.at(-1)?.line),
  };
  out.problems.push(...parsed.problems);
  const orgs = new Map<string, ImportedOrganisation>();
  const nextOrder = new Map<string, number>();

  for (const block of parsed.blocks) {
    const { id, fields } = organisationForHeading(block.heading);
    let org = orgs.get(id);
    if (!org) {
      org = { id, line: block.line, fields };
      orgs.set(id, org);
      out.organisations.push(org);
    }
    // A listing heading repeated further down continues the same organisation.
    if (block.listingMissing) org.fields.listingMissing = true;

    const idsByLine = new Map<number, string>();
    const seen = new Map<string, number>();
    for (const bullet of block.bullets) {
      if (hasIllegalTextChars(bullet.text)) {
        out.problems.push({
          line: bullet.line,
          code: "invalidChars",
          message: "control or invisible characters",
          text: bullet.text,
        });
        continue;
      }
      const fields = bulletFields(bullet.text, bullet.section, org.fields.names.fi);
      if ([...fields.description].length > LIMITS.description) {
        out.problems.push({
          line: bullet.line,
          code: "tooLong",
          message: `longer than ${LIMITS.description} characters`,
          text: bullet.text.slice(0, 80),
        });
        continue;
      }
      const identity = `${bullet.section}\n${identityText(bullet.text)}`;
      const occurrence = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, occurrence);
      const entryId = importedEntryId(id, bullet.section, bullet.text, occurrence);
      idsByLine.set(bullet.line, entryId);
      if (bullet.parentLine !== undefined) {
        const parentId = idsByLine.get(bullet.parentLine);
        if (!parentId) continue; // the parent was refused above and is already reported
        fields.parentId = parentId;
      }
      const order = nextOrder.get(id) ?? 0;
      nextOrder.set(id, order + 1);
      out.entries.push({ id: entryId, orgId: id, line: bullet.line, order, fields });
    }
  }
  if (out.organisations.length === 0) {
    out.problems.push({
      line: 1,
      code: "noOrganisations",
      message: "no organisation heading followed by bullets: is this a peer-dialogue listing?",
      text: "",
    });
  }
  out.problems.sort((a, b) => a.line - b.line);
  return out;
}
