// Flat ESLint config: typescript-eslint recommended rules for bot, tab and scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import regexp from "eslint-plugin-regexp";
import architecture from "./eslint-rules/boundaries.mjs";

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
    files: ["tab/src/**/*.tsx", "tab/src/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
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
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
