import { createHash, randomBytes } from "node:crypto";
import type { Section } from "./types";

/** Organisation ids: lowercase slugs (`vm`, `syke`, `uudenmaan-ely`), safe in table keys and URLs. */
export const ORG_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Entry ids: what we mint (16 hex characters from a hash, or `e` + random base36). */
export const ENTRY_ID_PATTERN = /^[a-z0-9]{8,40}$/;

/**
 * A URL- and key-safe slug: Finnish/Swedish letters folded (ä→a, ö→o, å→a), anything else
 * becomes a hyphen. Used for organisation ids derived from names.
 */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

/** Normalised text for identity: case, Unicode form and whitespace do not make a new entry. */
export function identityText(value: string): string {
  return value.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The stable id of an imported entry: a hash of organisation, section and normalised text, so
 * re-importing the same listing finds the same rows. `occurrence` separates identical bullets.
 */
export function importedEntryId(orgId: string, section: Section, text: string, occurrence = 1): string {
  const key = `${orgId}\n${section}\n${identityText(text)}${occurrence > 1 ? `\n#${occurrence}` : ""}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/** A fresh id for an entry created in the app. */
export function newEntryId(): string {
  return (
    "e" +
    BigInt("0x" + randomBytes(10).toString("hex"))
      .toString(36)
      .padStart(16, "0")
  );
}

/** True for a well-formed organisation id. */
export function isOrgId(value: unknown): value is string {
  return typeof value === "string" && ORG_ID_PATTERN.test(value);
}

/** True for a well-formed entry id. */
export function isEntryId(value: unknown): value is string {
  return typeof value === "string" && ENTRY_ID_PATTERN.test(value);
}
