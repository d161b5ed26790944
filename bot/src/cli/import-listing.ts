import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { homeTenant } from "../platform/auth/tenancy";
import { ConfigError, loadConfig } from "../config";
import {
  importListing,
  type ImportCounts,
  type ImportReport,
} from "../features/directory/domain/listing/import-service";
import { listingToDirectory } from "../features/directory/domain/listing/listing-to-directory";
import { azuriteConnectionString } from "../platform/tables/azurite";
import {
  createVersionedDirectoryStores,
  DIRECTORY_TABLES,
} from "../features/directory/store/directory-stores";
import { isStoreUnavailable } from "../platform/tables/errors";
import { createTableStore, type TableStoreTarget } from "../platform/tables/table-store";

const USAGE = `Imports a peer-dialogue listing (the format of bot/src/seed/listing-001.txt) into the directory.

  npm run import:listing -- <file> [--tenant <tenantId>] [--overwrite] [--dry-run]

  --tenant     whose directory (default: AAD_APP_TENANT_ID, or "dev" when none is configured)
  --overwrite  replace organisations/entries that differ from the file (default: keep them)
  --dry-run    report what would change, write nothing

Re-running with the same file changes nothing. With any unreadable line nothing is written.`;

interface Args {
  file?: string;
  tenant?: string;
  overwrite: boolean;
  dryRun: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { overwrite: false, dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--tenant") args.tenant = argv[++i];
    else if (a === "--overwrite") args.overwrite = true;
    else if (a === "--dry-run") args.dryRun = true;
    else if (a === "--help" || a === "-h") args.help = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.file = a;
  }
  return args;
}

const line = (label: string, c: ImportCounts) =>
  `  ${label.padEnd(14)} ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.kept} kept (differ; --overwrite to replace)`;

function printReport(r: ImportReport, dryRun: boolean): void {
  for (const s of r.skipped) console.log(`  skipped line ${s.line}: ${s.text.slice(0, 70)}`);
  console.log(line("organisations", r.organisations));
  if (r.newOrganisations.length > 0) console.log(`  new organisations: ${r.newOrganisations.join(", ")}`);
  console.log(line("entries", r.entries));
  if (r.notInFile > 0) console.log(`  ${r.notInFile} stored entries are not in the file (left as they are)`);
  console.log(
    dryRun
      ? `Dry run: ${r.changes} changes would be written.`
      : `${r.changes} changes written.` +
          (r.changes > 0 ? " A running app shows them within its cache TTL (15 s)." : ""),
  );
}

/** Resolves the table store of the configuration; embedded Azurite only exists while the app runs. */
function storeTarget(config: ReturnType<typeof loadConfig>): { target: TableStoreTarget; embedded: boolean } {
  const t = config.tables;
  if (t.kind === "connectionString")
    return { target: { connectionString: t.connectionString }, embedded: false };
  if (t.kind === "endpoint") return { target: { endpoint: t.endpoint }, embedded: false };
  return {
    target: { connectionString: azuriteConnectionString("127.0.0.1", t.port, t.queuePort) },
    embedded: true,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || !args.file) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  const file = path.resolve(args.file);
  const source = readFileSync(file, "utf8");

  // Validate before touching the store, so a broken file is reported even when the store is down.
  const planned = listingToDirectory(source);
  if (planned.problems.length > 0) {
    console.error(`${path.basename(file)}: ${planned.problems.length} problem(s), nothing was imported:`);
    for (const p of planned.problems)
      console.error(`  line ${p.line}: ${p.message} — ${p.text.slice(0, 70)}`);
    return 1;
  }

  const config = loadConfig(undefined, { tool: true });
  const tenantId = args.tenant ?? homeTenant(config.sso);
  const { target, embedded } = storeTarget(config);
  const store = createTableStore({ target, prefix: config.tables.prefix });
  try {
    await store.ping(3000);
  } catch (err) {
    if (!isStoreUnavailable(err)) throw err;
    console.error(
      embedded
        ? `No table store on 127.0.0.1:${config.tables.kind === "embeddedAzurite" ? config.tables.port : ""}. ` +
            "The embedded Azurite runs only while the app does: run `npm start` in another terminal and try again, " +
            "or set TABLES_CONNECTION_STRING to a reachable store."
        : "The table store is not reachable: check TABLES_CONNECTION_STRING / TABLES_ENDPOINT and try again.",
    );
    return 2;
  }
  await store.ensureTables(DIRECTORY_TABLES);
  console.log(`Importing ${path.basename(file)} into the directory of tenant "${tenantId}"…`);
  const report = await importListing(createVersionedDirectoryStores(store), tenantId, source, {
    actor: { userId: "cli", name: `import-listing (${os.userInfo().username})` },
    overwrite: args.overwrite,
    dryRun: args.dryRun,
  });
  printReport(report, args.dryRun);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Import failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
