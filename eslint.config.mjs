// @ts-check
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/**
 * Lint configuration (flat config, ESLint 9).
 *
 * - eslint-config-next's flat exports: core-web-vitals (React, hooks, import, jsx-a11y, @next/next)
 *   and typescript (typescript-eslint's recommended set). Both register the `@typescript-eslint`
 *   plugin, so its rules are configured below by name without importing typescript-eslint (which is
 *   only a transitive dependency of eslint-config-next).
 * - A strict-ish TypeScript layer, including a few type-aware rules for promise handling, which
 *   matter in tRPC procedures and server actions.
 * - eslint-plugin-drizzle: no `delete` or `update` without `.where(...)` on `db` or `tx`.
 *
 * `npm run lint` runs `eslint . --max-warnings 0`, so every warning fails the lint.
 */

const TS_FILES = ["**/*.ts", "**/*.tsx"];
const DRIZZLE_OBJECTS = { drizzleObjectName: ["db", "tx"] };

export default defineConfig([
  ...nextVitals,
  ...nextTs,

  {
    name: "passage/typescript-strict",
    files: TS_FILES,
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // From typescript-eslint's `strict` set (those that need no type information).
      "@typescript-eslint/no-dynamic-delete": "error",
      "@typescript-eslint/no-extraneous-class": "error",
      "@typescript-eslint/no-invalid-void-type": "error",
      "@typescript-eslint/no-non-null-asserted-nullish-coalescing": "error",
      "@typescript-eslint/no-useless-constructor": "error",
      "@typescript-eslint/prefer-literal-enum-member": "error",
      "@typescript-eslint/unified-signatures": "error",
      "@typescript-eslint/ban-ts-comment": [
        "error",
        { "ts-expect-error": "allow-with-description", minimumDescriptionLength: 8 },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
    },
  },

  {
    // Type-aware rules. Limited to .ts/.tsx, the files tsconfig.json includes (the project service
    // would reject a file outside the TypeScript project, such as vitest.config.mts).
    name: "passage/typescript-type-aware",
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        // `<form onSubmit={handleSubmit(...)}>` and async onClick handlers are idiomatic React.
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },

  {
    // Without "type": "module" in package.json, .js and .cjs files are CommonJS (next.config.js).
    name: "passage/commonjs",
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },

  {
    name: "passage/drizzle",
    files: ["**/*.{ts,tsx,mts,cts,js,mjs}"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", DRIZZLE_OBJECTS],
      "drizzle/enforce-update-with-where": ["error", DRIZZLE_OBJECTS],
    },
  },

  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "node_modules/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "coverage/**",
    "next-env.d.ts",
    "lib/reference/*.generated.ts",
    "db/migrations/**",
  ]),
]);
