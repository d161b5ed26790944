// Flat ESLint config: typescript-eslint recommended rules for bot, tab and scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import regexp from "eslint-plugin-regexp";
import architecture from "./eslint-rules/boundaries.mjs";
import { readdirSync } from "node:fs";

// ---- Tab boundaries (issue #14; docs/architecture.md) -----------------------------------------------
// Kept in one block of its own, apart from the bot's rules. `no-restricted-imports` looks at the
// import string only, so the rules are written per folder: a later block replaces the rule's
// options of an earlier one for the same files, hence every block repeats NO_BOT.
//   - the tab never imports the bot (API types come from @dialogi/contracts);
//   - tab/src/platform/** imports no feature;
//   - a feature reaches another feature only through that feature's index.ts.
const TAB_FEATURES = readdirSync(new URL("./tab/src/features", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const NO_BOT = {
  regex: "^(?:(?:\\.\\.?/)+bot(?:/|$)|@dialogi/bot(?:/|$))",
  message: "The tab never imports the bot: take API types from @dialogi/contracts.",
};
const NO_FEATURES = {
  regex: "(?:^|/)features(?:/|$)",
  message: "tab/src/platform knows no feature: move the shared piece into platform.",
};
/** Imports of another feature's modules other than its index, from a file of `feature`. */
const onlyThroughIndex = (feature) => ({
  regex: `^(?:\\.\\./)+(?:features/)?(?:${TAB_FEATURES.filter((f) => f !== feature).join("|")})/(?!index$).+`,
  message: "A feature reaches another feature only through that feature's index.ts.",
});
const tabBoundaries = [
  {
    files: ["tab/src/**/*.ts", "tab/src/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_BOT] }] },
  },
  {
    files: ["tab/src/platform/**/*.ts", "tab/src/platform/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_BOT, NO_FEATURES] }] },
  },
  ...TAB_FEATURES.map((feature) => ({
    files: [`tab/src/features/${feature}/**/*.ts`, `tab/src/features/${feature}/**/*.tsx`],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_BOT, onlyThroughIndex(feature)] }] },
  })),
];
// ---- end of tab boundaries --------------------------------------------------------------------

/** Browser dialogs the tab never calls, and what to use instead. */
const BROWSER_DIALOGS = ["confirm", "alert", "prompt"];
const NO_DIALOG =
  "Teams does not show browser dialogs in a tab: use ConfirmDialog (a Fluent Dialog) in the page.";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      ".data/**",
      "appPackage/build/**",
      "artifacts/**",
      "bench/results.json",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Input validation must name control characters to reject them.
      "no-control-regex": "off",
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Only bot/src/config.ts reads process.env.",
        },
      ],
    },
  },
  {
    // Import boundaries of the bot (docs/architecture.md); bot/test/lint-boundaries.spec.ts proves they bite.
    files: ["bot/src/**/*.ts"],
    plugins: { architecture },
    rules: { "architecture/boundaries": "error" },
  },
  {
    // Regex safety (super-linear backtracking, e.g. /\s+$/ per line) and correctness in shipped code.
    ...regexp.configs["flat/recommended"],
    files: ["bot/src/**/*.ts", "tab/src/**/*.ts", "tab/src/**/*.tsx"],
    rules: {
      ...regexp.configs["flat/recommended"].rules,
      // As above: input validation names control characters to reject them.
      "no-control-regex": "off",
    },
  },
  {
    files: ["bot/src/config.ts", "bot/testing/**", "bot/test/**", "scripts/**", "bench/**", "test/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // A committed `.only` silently narrows the suite to one test and `.skip` hides one; mocha's
    // forbid-only/forbid-pending (.mocharc.json) stop the run, this stops the commit earlier.
    files: ["bot/test/**", "bot/testing/**", "test/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["describe", "context", "it", "specify"].flatMap((object) =>
          ["only", "skip"].map((property) => ({
            object,
            property,
            message: "No .only/.skip in committed tests: the whole suite must run.",
          })),
        ),
      ],
      "no-restricted-globals": [
        "error",
        ...["xdescribe", "xcontext", "xit", "xspecify"].map((name) => ({
          name,
          message: "No skipped tests in committed code: the whole suite must run.",
        })),
      ],
    },
  },
  {
    files: ["tab/src/**/*.tsx", "tab/src/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // New Teams dismisses the browser's own dialogs from a tab (nothing happens, no message):
    // confirm inside the page with platform/components/ConfirmDialog. test/tab/no-browser-dialogs.spec.ts.
    files: ["tab/src/**/*.ts", "tab/src/**/*.tsx"],
    rules: {
      "no-restricted-globals": ["error", ...BROWSER_DIALOGS.map((name) => ({ name, message: NO_DIALOG }))],
      "no-restricted-properties": [
        "error",
        ...BROWSER_DIALOGS.map((property) => ({ property, message: NO_DIALOG })),
      ],
    },
  },
  ...tabBoundaries,
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
