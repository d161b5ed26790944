/**
 * Builds the Teams app package (manifest.json + icons + localization files)
 * for one environment, the way Teams Toolkit's teamsApp/zipAppPackage does,
 * but fully offline and with every check failing before the zip is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { loadEnv, type EnvVars } from "./env-file";
import { checkIcon, ICON_SIZES } from "./icons";
import {
  danglingLocalizationKeys,
  manifestVersionOf,
  validateLocalizationSchema,
  validateManifestSchema,
} from "./manifest-schema";
import { fillPlaceholders, MissingVariablesError, placeholderNames } from "./placeholders";

/** A JSON object as read from the manifest folder. */
export type JsonObject = Record<string, unknown>;

/** Thrown when the package cannot be built; `problems` lists every finding. */
export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`App package is not valid:\n  - ${problems.join("\n  - ")}`);
    this.name = "AppPackageError";
  }
}

/** Package contents ready to zip: file name in the zip → bytes. */
export interface PreparedPackage {
  manifest: JsonObject;
  files: Map<string, Buffer>;
}

function readJson(path: string): JsonObject {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as JsonObject;
  } catch (err) {
    throw new AppPackageError([`Cannot read ${path}: ${(err as Error).message}`]);
  }
}

interface LocalizationInfo {
  defaultLanguageFile?: string;
  additionalLanguages?: Array<{ languageTag: string; file: string }>;
}

function localizationFiles(manifest: JsonObject): string[] {
  const info = manifest.localizationInfo as LocalizationInfo | undefined;
  if (!info) return [];
  return [
    ...(info.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info.additionalLanguages ?? []).map((l) => l.file),
  ];
}

/**
 * Fills placeholders in the manifest and its localization files, validates
 * them against the bundled schemas, checks the icons, and returns the files
 * to zip. Collects all problems before throwing so one run shows them all.
 */
export async function prepareAppPackage(manifestDir: string, vars: EnvVars): Promise<PreparedPackage> {
  const problems: string[] = [];
  const files = new Map<string, Buffer>();
  const missing = new Set<string>();
  const fill = (value: JsonObject, source: string): JsonObject => {
    try {
      return fillPlaceholders(value, vars, source);
    } catch (err) {
      if (!(err instanceof MissingVariablesError)) throw err;
      err.missing.forEach((m) => missing.add(m));
      return value;
    }
  };

  const manifest = fill(readJson(join(manifestDir, "manifest.json")), "manifest.json");
  const version = manifestVersionOf(manifest);
  const locFiles = localizationFiles(manifest);
  const localizations = new Map<string, JsonObject>();
  for (const file of locFiles) {
    const path = join(manifestDir, file);
    if (!existsSync(path)) {
      problems.push(`Localization file ${file} named in manifest.json does not exist.`);
      continue;
    }
    const loc = readJson(path);
    // Teams Toolkit's zipAppPackage copies localization files verbatim, so a
    // placeholder would reach users as literal text in a toolkit-built package.
    const names = placeholderNames(JSON.stringify(loc));
    if (names.length > 0) {
      problems.push(
        `${file}: placeholders are not filled in localization files by Teams Toolkit; remove ${names
          .map((n) => "${{" + n + "}}")
          .join(", ")}.`,
      );
    }
    localizations.set(file, loc);
  }
  if (missing.size > 0) {
    // Schema errors on half-filled values would only bury the real cause.
    throw new AppPackageError([
      `Unfilled placeholders: ${[...missing]
        .sort()
        .map((m) => "${{" + m + "}}")
        .join(", ")}. Set them in env/.env.<env> (or env/.env.<env>.user for secrets).`,
    ]);
  }

  for (const error of await validateManifestSchema(manifest)) problems.push(`manifest.json schema: ${error}`);
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2) + "\n"));

  let defaultKeys: string[] | undefined;
  for (const [file, loc] of localizations) {
    for (const error of await validateLocalizationSchema(loc, version))
      problems.push(`${file} schema: ${error}`);
    for (const key of danglingLocalizationKeys(manifest, loc)) {
      problems.push(`${file}: key "${key}" matches no string in manifest.json.`);
    }
    // The first file is the default language; the others should translate every key it has.
    const keys = Object.keys(loc).filter((k) => k !== "$schema");
    if (defaultKeys === undefined) defaultKeys = keys;
    else
      for (const key of defaultKeys.filter((k) => !keys.includes(k)))
        problems.push(`${file}: missing "${key}".`);
    files.set(file, Buffer.from(JSON.stringify(loc, null, 2) + "\n"));
  }

  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const [key, file] of Object.entries(icons)) {
    const path = join(manifestDir, file);
    if (!existsSync(path)) {
      problems.push(`Icon ${file} (icons.${key}) does not exist.`);
      continue;
    }
    const data = readFileSync(path);
    const size = ICON_SIZES[key];
    if (size !== undefined) problems.push(...checkIcon(file, data, size, key === "outline"));
    files.set(file, data);
  }

  if (problems.length > 0) throw new AppPackageError(problems);
  return { manifest, files };
}

/**
 * Zips prepared files. A fixed timestamp makes the same inputs give the same
 * bytes, so a changed zip always means a changed app.
 */
export async function zipAppPackage(files: Map<string, Buffer>, zipPath: string): Promise<void> {
  const zip = new JSZip();
  const date = new Date("2000-01-01T00:00:00Z");
  for (const [name, data] of files) zip.file(name, data, { date });
  const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, buffer);
}

/** Options for {@link buildAppPackage}. */
export interface BuildAppPackageOptions {
  /** Repository root: holds env/, manifest/ and appPackage/. */
  rootDir: string;
  /** Environment name, e.g. "local" or "dev" (reads env/.env.<envName>). */
  envName: string;
  /** Overrides the manifest folder (tests use a temporary copy). */
  manifestDir?: string;
  /** Overrides the output folder (default appPackage/build). */
  outDir?: string;
  /** Overrides the variables instead of reading env files. */
  vars?: EnvVars;
}

/** Result of {@link buildAppPackage}. */
export interface BuiltAppPackage {
  zipPath: string;
  manifest: JsonObject;
  fileNames: string[];
}

/** Reads the env, prepares, validates and zips: what `npm run package` does. */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const vars = options.vars ?? loadEnv(options.rootDir, options.envName);
  const manifestDir = options.manifestDir ?? join(options.rootDir, "manifest");
  const { manifest, files } = await prepareAppPackage(manifestDir, vars);
  const outDir = options.outDir ?? join(options.rootDir, "appPackage", "build");
  const zipPath = join(outDir, `appPackage.${options.envName}.zip`);
  await zipAppPackage(files, zipPath);
  return { zipPath, manifest, fileNames: [...files.keys()] };
}
