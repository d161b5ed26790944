/**
 * `npm run package [-- --env local|dev]`: builds appPackage/build/appPackage.<env>.zip
 * from manifest/ and env/.env.<env> (+ .env.<env>.user), validating offline.
 */
import { join, relative } from "node:path";
import { buildAppPackage } from "./lib/app-package";

/** Parses `--env NAME`, `--env=NAME` or `-e NAME`; defaults to "local". */
export function parseEnvArg(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg.startsWith("--env=")) return arg.slice("--env=".length);
    if (arg === "--env" || arg === "-e") {
      const next = argv[i + 1];
      if (!next || next.startsWith("-")) throw new Error(`${arg} needs an environment name, e.g. --env dev`);
      return next;
    }
    throw new Error(`Unknown argument "${arg}". Usage: npm run package -- --env local|dev`);
  }
  return "local";
}

async function main(): Promise<void> {
  const rootDir = join(__dirname, "..");
  const envName = parseEnvArg(process.argv.slice(2));
  const built = await buildAppPackage({ rootDir, envName });
  console.log(`App package for "${envName}" (${built.fileNames.join(", ")}):`);
  console.log(relative(process.cwd(), built.zipPath) || built.zipPath);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`npm run package failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
