// ESLint (flat config): typescript-eslint's recommended correctness rules and our layering
// rules (eslint/*.js). Purely stylistic rules wait for the repo-wide Prettier pass.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import layerImports from "./eslint/layer-imports.js";
import noImportCycles from "./eslint/no-import-cycles.js";
import noSqlOutsideStore from "./eslint/no-sql-outside-store.js";

const local = {
  rules: {
    "layer-imports": layerImports,
    "no-import-cycles": noImportCycles,
    "no-sql-outside-store": noSqlOutsideStore,
  },
};

/** Packages that do I/O (databases, HTTP, processes, builds): none of them in the pure layers. */
const IO_PACKAGES = [
  "pg",
  "pg-copy-streams",
  "@electric-sql/pglite",
  "fastify",
  "@fastify/*",
  "commander",
  "cli-progress",
  "pdfkit",
  "vite",
  "esbuild",
  "tsx",
  "playwright-core",
  "read-excel-file",
  "write-excel-file",
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".tmp/", "test-results/", "data/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly", URL: "readonly" },
    },
    plugins: { local },
    rules: {
      "local/no-import-cycles": "error",
      // TypeScript checks these better than ESLint can (undefined names, redeclared overloads).
      "no-undef": "off",
      "no-redeclare": "off",
      // We match control characters on purpose: to refuse them in text input and identifiers.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["src/**/*.ts", "web/src/**/*.{ts,tsx}"],
    ignores: ["src/store/**", "**/*.test.ts"],
    rules: { "local/no-sql-outside-store": "error" },
  },
  {
    files: ["src/core/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "local/layer-imports": [
        "error",
        { layer: "src/core", allowFolders: ["src/core"], allowNode: ["crypto"], denyPackages: IO_PACKAGES },
      ],
      // The core reads no clock and draws no random numbers: time and ids arrive as arguments.
      "no-restricted-properties": [
        "error",
        {
          object: "Date",
          property: "now",
          message: "The core reads no clock: take the time (or a clock) as an argument.",
        },
        { object: "performance", property: "now", message: "The core reads no clock: take a clock as an argument." },
        { object: "Math", property: "random", message: "The core draws no random numbers: take ids as arguments." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The core reads no clock: `new Date()` is now; take the time as an argument.",
        },
      ],
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    rules: {
      "local/layer-imports": [
        "error",
        { layer: "web/src", allowFolders: ["web/src", "src/core"], allowNode: [], denyPackages: IO_PACKAGES },
      ],
    },
  },
);
