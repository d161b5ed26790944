import assert from "node:assert/strict";
import path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "../../..");

/** Lints `code` as if it were the file at `file` (repository-relative) with the repo's config. */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "architecture/boundaries").map((m) => m.message);
}

describe("architecture boundaries (ESLint)", function () {
  this.timeout(60_000);

  const cases: { name: string; file: string; code: string; refused: RegExp | null }[] = [
    {
      name: "platform importing a feature",
      file: "bot/src/platform/teams/example.ts",
      code: 'import { createDialoguesFeature } from "../../features/dialogues";\nexport const x = createDialoguesFeature;\n',
      refused: /platform\/ must not import a feature/,
    },
    {
      name: "a feature reaching into another feature's internals",
      file: "bot/src/features/peer/example.ts",
      code: 'import { isDialogueId } from "../dialogues/domain/ids";\nexport const x = isDialogueId;\n',
      refused: /only through its index\.ts/,
    },
    {
      name: "domain importing botbuilder",
      file: "bot/src/features/rounds/domain/example.ts",
      code: 'import { TurnContext } from "botbuilder";\nexport const x = TurnContext;\n',
      refused: /domain\/ stays pure TypeScript/,
    },
    {
      name: "domain importing @azure/data-tables",
      file: "bot/src/features/directory/domain/example.ts",
      code: 'import { TableClient } from "@azure/data-tables";\nexport const x = TableClient;\n',
      refused: /domain\/ stays pure TypeScript/,
    },
    {
      name: "domain importing its own feature's store",
      file: "bot/src/features/dialogues/domain/example.ts",
      code: 'import { createDialogueRepository } from "../store/dialogue-repository";\nexport const x = createDialogueRepository;\n',
      refused: /must not import its feature's adapters/,
    },
    {
      name: "a feature using another through its index.ts",
      file: "bot/src/features/peer/example.ts",
      code: 'import { isDialogueId } from "../dialogues";\nexport const x = isDialogueId;\n',
      refused: null,
    },
    {
      name: "a feature importing the platform",
      file: "bot/src/features/series/example.ts",
      code: 'import { expandCard } from "../../platform/teams/render-card";\nexport const x = expandCard;\n',
      refused: null,
    },
  ];

  for (const c of cases) {
    it(`${c.refused ? "refuses" : "allows"} ${c.name}`, async () => {
      const messages = await lint(c.file, c.code);
      if (c.refused)
        assert.ok(
          messages.some((m) => c.refused!.test(m)),
          `expected a boundary error, got ${JSON.stringify(messages)}`,
        );
      else assert.deepEqual(messages, []);
    });
  }

  it("the tree itself has no boundary errors", async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(["bot/src/**/*.ts"]);
    const errors = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === "architecture/boundaries")
        .map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    assert.deepEqual(errors, []);
  });
});
