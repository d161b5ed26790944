/**
 * Offline schema validation of the Teams manifest and its localization files
 * against the JSON schemas bundled in @microsoft/app-manifest. The package
 * would otherwise download the schema named by `$schema`, which fails here and
 * in locked-down CI, so the schema is always loaded from disk and passed in.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";

/** The schema type validateAgainstSchema accepts (ajv's, without importing ajv directly). */
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Folder holding the bundled Teams schemas (v1.0 … v1.x, vDevPreview). */
export function teamsSchemaRoot(): string {
  return join(dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams");
}

/** Loads a bundled Teams schema file for a manifest version such as "1.30". */
export function loadTeamsSchema(manifestVersion: string, file: string): ManifestSchema {
  const path = join(teamsSchemaRoot(), `v${manifestVersion}`, file);
  if (!existsSync(path)) {
    throw new Error(`No bundled schema ${file} for manifestVersion ${manifestVersion} (looked in ${path}).`);
  }
  // Some bundled schemas contain \a and \v escapes, which JSON.parse rejects;
  // @microsoft/app-manifest cleans them the same way when it loads them.
  // The localization schema also has patterns like `\\[\\b(…)\\b]` whose lone `]`
  // ajv rejects in unicode mode ("Lone quantifier brackets"); escaping it keeps the meaning.
  const raw = readFileSync(path, "utf8")
    .replace(/\\a/g, "\\u0007")
    .replace(/\\v/g, "\\u000b")
    .replace(/\\\\b\]/g, "\\\\b\\\\]");
  return JSON.parse(raw) as ManifestSchema;
}

/** Reads `manifestVersion` and checks that `$schema` names the same version. */
export function manifestVersionOf(manifest: Record<string, unknown>): string {
  const version = manifest.manifestVersion;
  if (typeof version !== "string") throw new Error("manifest.json has no manifestVersion.");
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl === "string" && !schemaUrl.includes(`/v${version}/`)) {
    throw new Error(`manifest.json $schema (${schemaUrl}) does not match manifestVersion ${version}.`);
  }
  return version;
}

/** Validates a filled manifest; returns the schema errors (empty when valid). */
export async function validateManifestSchema(manifest: Record<string, unknown>): Promise<string[]> {
  const schema = loadTeamsSchema(manifestVersionOf(manifest), "MicrosoftTeams.schema.json");
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}

/** Validates one localization file against the schema of the manifest's version. */
export async function validateLocalizationSchema(
  localization: Record<string, unknown>,
  manifestVersion: string,
): Promise<string[]> {
  const schema = loadTeamsSchema(manifestVersion, "MicrosoftTeams.Localization.schema.json");
  return AppManifestUtils.validateAgainstSchema(localization as unknown as AppManifest, schema);
}

/**
 * Resolves a localization key such as `bots[0].commandLists[1].commands[2].title`
 * against the manifest; `undefined` when the path does not exist.
 */
export function resolveManifestPath(manifest: unknown, key: string): unknown {
  let current: unknown = manifest;
  for (const part of key.split(/\.|(?=\[)/)) {
    if (current === null || typeof current !== "object") return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    current = index ? (current as unknown[])[Number(index[1])] : (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Lists localization keys that point at nothing in the manifest — Teams
 * silently ignores those, so a renumbered command would lose its translation.
 */
export function danglingLocalizationKeys(manifest: unknown, localization: Record<string, unknown>): string[] {
  return Object.keys(localization).filter(
    (key) =>
      key !== "$schema" &&
      key !== "localizationKeys" &&
      typeof resolveManifestPath(manifest, key) !== "string",
  );
}
