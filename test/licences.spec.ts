/**
 * The licence check of `npm test` (scripts/check-licences.ts): proves it fails on a licence
 * outside the allow-list, on fixtures, and that the real allow-list's exceptions are justified.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkLicences, type LicencePolicy } from "../scripts/lib/licences";

const root = path.join(__dirname, "..");
const fixture = (name: string) => path.join(__dirname, "fixtures", "licences", name);
const policy = JSON.parse(
  readFileSync(path.join(root, "scripts", "licence-allowlist.json"), "utf8"),
) as LicencePolicy;

const runCli = (sbom: string) =>
  spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "check-licences.ts"), "--sbom", sbom],
    {
      cwd: root,
      encoding: "utf8",
    },
  );

describe("supply chain: licence allow-list", () => {
  it("refuses licences outside the allow-list; OR needs one allowed side, AND needs both", () => {
    const sbom = JSON.parse(readFileSync(fixture("disallowed.cdx.json"), "utf8"));
    const report = checkLicences(sbom, policy);
    assert.deepEqual(report.problems, [
      { package: "left-pad@1.3.0", licence: "WTFPL" },
      { package: "copyleft-lib@2.0.0", licence: "GPL-3.0-only" },
      { package: "both@1.0.0", licence: "(MIT AND AGPL-3.0-only)" },
      // An exception names the licence it accepts: a package that changes licence is caught.
      { package: "axe-core@9.0.0", licence: "GPL-2.0-only" },
    ]);
  });

  it("the CLI exits 1 and names the package on a disallowed licence, 0 on an allowed tree", () => {
    const bad = runCli(fixture("disallowed.cdx.json"));
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stderr, /licence not allowed: copyleft-lib@2\.0\.0 \(GPL-3\.0-only\)/);
    const good = runCli(fixture("allowed.cdx.json"));
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /licences: 4 packages, all allowed/);
  });

  it("every allowed licence and exception in the allow-list says why", () => {
    for (const [id, why] of Object.entries(policy.allowed)) assert.ok(why.length > 10, id);
    for (const [name, e] of Object.entries(policy.exceptions)) {
      assert.ok(e.licence, name);
      assert.ok(e.why.length > 20, name);
    }
    // Copyleft never enters the allow-list wholesale; only named, justified exceptions.
    for (const id of Object.keys(policy.allowed)) assert.doesNotMatch(id, /GPL|MPL|EUPL|SSPL|CDDL/);
  });
});
