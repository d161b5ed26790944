/**
 * Supply-chain step of `npm test` (so CI runs it): writes the CycloneDX SBOM of the installed tree
 * to artifacts/sbom.cdx.json (`npm sbom`; works offline, unlike `npm audit`) and fails when a
 * package's licence is outside scripts/licence-allowlist.json.
 *
 *   tsx scripts/check-licences.ts [--sbom <file>] [--policy <file>]
 *
 * `--sbom` checks an existing SBOM instead of generating one (the tests use fixtures).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkLicences, type LicencePolicy } from "./lib/licences";

const root = path.resolve(__dirname, "..");
const { values } = parseArgs({ options: { sbom: { type: "string" }, policy: { type: "string" } } });

let sbomText: string;
if (values.sbom) {
  sbomText = readFileSync(values.sbom, "utf8");
} else {
  sbomText = execFileSync("npm", ["sbom", "--sbom-format", "cyclonedx"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = path.join(root, "artifacts", "sbom.cdx.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, sbomText);
}
const policy = JSON.parse(
  readFileSync(values.policy ?? path.join(root, "scripts", "licence-allowlist.json"), "utf8"),
) as LicencePolicy;
const report = checkLicences(JSON.parse(sbomText) as Parameters<typeof checkLicences>[0], policy);

for (const p of report.problems) {
  console.error(`licence not allowed: ${p.package} (${p.licence})`);
}
for (const name of report.unusedExceptions) {
  console.error(`licence exception matches no installed package (remove it): ${name}`);
}
if (report.problems.length > 0) {
  console.error(
    `licences: ${report.problems.length} of ${report.checked} packages outside scripts/licence-allowlist.json — ` +
      "replace the package, or add a justified exception there",
  );
  process.exit(1);
}
console.log(
  `licences: ${report.checked} packages, all allowed${values.sbom ? "" : " (SBOM: artifacts/sbom.cdx.json)"}`,
);
