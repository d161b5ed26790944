/**
 * Reads Teams Toolkit style env files (env/.env.<name>, optionally overlaid by
 * env/.env.<name>.user, which holds secrets and is gitignored).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Variables read from env files, by name. */
export type EnvVars = Record<string, string>;

/**
 * Parses dotenv text: `KEY=value` lines, `#` comments, optional single or
 * double quotes around the value. Lines that are not assignments are ignored,
 * like Teams Toolkit does.
 */
export function parseEnvFile(text: string): EnvVars {
  const vars: EnvVars = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rawValue] = match as unknown as [string, string, string];
    let value = rawValue;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? "";
    else value = value.replace(/\s+#.*$/, "");
    vars[key] = value;
  }
  return vars;
}

/**
 * Loads env/.env.<envName> from `rootDir`, then env/.env.<envName>.user on top.
 * Throws when the base file is missing, because packaging for an unknown
 * environment is always a mistake (a typo in --env).
 */
export function loadEnv(rootDir: string, envName: string): EnvVars {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) {
    throw new Error(`Invalid environment name "${envName}": use letters, digits, "-" or "_".`);
  }
  const base = join(rootDir, "env", `.env.${envName}`);
  if (!existsSync(base)) {
    throw new Error(`Environment file ${base} not found. Create it or pick another --env.`);
  }
  const vars = parseEnvFile(readFileSync(base, "utf8"));
  const user = `${base}.user`;
  if (existsSync(user)) Object.assign(vars, parseEnvFile(readFileSync(user, "utf8")));
  return vars;
}
