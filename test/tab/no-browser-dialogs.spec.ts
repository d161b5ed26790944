import assert from "node:assert/strict";
import path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "../..");

/** The lint messages about browser dialogs for `code` linted as the tab file `file`. */
async function dialogProblems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-globals" || m.ruleId === "no-restricted-properties")
    .map((m) => m.message);
}

/**
 * New Teams dismisses `window.confirm`, `alert` and `prompt` from a tab (issue #27 item 1): lint
 * refuses them anywhere in tab/src, however they are reached, and the tab's sources pass.
 * The browser side (the panel's confirmations recorded) is test/tab/panel-dialogs.spec.ts.
 */
describe("tab: no browser dialogs (lint)", function () {
  this.timeout(60_000);
  const file = "tab/src/features/facilitator/Example.tsx";

  for (const call of [
    "window.confirm('End?')",
    "confirm('End?')",
    "globalThis.alert('Saved')",
    "alert('Saved')",
    "window.prompt('Name?')",
    "prompt('Name?')",
    "self.confirm('x')",
  ])
    it(`refuses ${call}`, async () => {
      const problems = await dialogProblems(file, `export const x = () => ${call};\n`);
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, /ConfirmDialog/);
    });

  it("leaves other code alone, and the tab's sources have no browser dialog", async () => {
    assert.deepEqual(await dialogProblems(file, "export const confirmed = (ok: boolean) => ok;\n"), []);
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(["tab/src/**/*.ts", "tab/src/**/*.tsx"]);
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === "no-restricted-globals" || m.ruleId === "no-restricted-properties")
        .map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    assert.deepEqual(found, []);
  });
});
