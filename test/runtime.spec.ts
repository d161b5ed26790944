/**
 * One Node.js major everywhere: production (App Service NODE|<major>-lts), the deploy step, CI,
 * `engines`, the Node typings and every dependency's own `engines` agree with .nvmrc, and the
 * tests themselves run on it (so what is tested is what runs).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

const root = path.join(__dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const json = <T>(file: string) => JSON.parse(read(file)) as T;

const major = read(".nvmrc").trim();
const engines = json<{ engines: { node: string } }>("package.json").engines.node;

describe("runtime: one supported Node.js LTS in production, CI and package metadata", () => {
  it(".nvmrc names an LTS major and engines accept exactly that major", () => {
    assert.match(major, /^\d+$/);
    // Even majors become LTS; 20 reached end of life in April 2026.
    assert.equal(Number(major) % 2, 0, "an LTS (even) major");
    assert.ok(Number(major) >= 22, "a major that is still supported");
    assert.ok(semver.validRange(engines), engines);
    assert.ok(semver.subset(engines, `^${major}`), `engines ${engines} stays within Node ${major}`);
    assert.ok(semver.intersects(engines, `^${major}`));
  });

  it("App Service runs that major, and the deploy step refuses another one", () => {
    assert.match(read("infra/azure.bicep"), new RegExp(`linuxFxVersion: 'NODE\\|${major}-lts'`));
    const deploy = read("teamsapp.yml").split(/^deploy:/m)[1] ?? "";
    const check = deploy.indexOf("node scripts/check-node.mjs");
    assert.ok(check >= 0 && check < deploy.indexOf("args: ci"), "Node checked before npm ci in deploy");
  });

  it("CI installs that major before npm ci, and the Node typings match it", () => {
    const ci = read(".ci/run");
    assert.ok(ci.indexOf("source scripts/use-node.sh") < ci.indexOf("\nnpm ci "));
    const typesNode = json<{ devDependencies: Record<string, string> }>("bot/package.json").devDependencies[
      "@types/node"
    ];
    assert.equal(semver.minVersion(typesNode ?? "")?.major, Number(major), `@types/node ${typesNode}`);
  });

  it("every locked package accepts every Node version engines allows (no EBADENGINE)", () => {
    const lock = json<{ packages: Record<string, { engines?: { node?: unknown } | unknown[] }> }>(
      "package-lock.json",
    );
    const refused: string[] = [];
    for (const [where, pkg] of Object.entries(lock.packages)) {
      const wanted = (pkg.engines as { node?: unknown } | undefined)?.node;
      if (typeof wanted !== "string" || where === "") continue;
      if (!semver.validRange(wanted) || !semver.subset(engines, wanted)) refused.push(`${where}: ${wanted}`);
    }
    assert.deepEqual(refused, []);
  });

  it("the tests run on that major (CI: .ci/run; locally: nvm use, or source scripts/use-node.sh)", () => {
    assert.ok(
      semver.satisfies(process.versions.node, engines),
      `running Node ${process.versions.node}, production runs ${engines}`,
    );
  });
});
