// ESLint 9 flat config: Next.js (core web vitals) + typescript-eslint recommended rules.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

import tessera from "./eslint-rules/tessera.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    "lib/db/generated/**",
    ".next/**",
    "out/**",
    "build/**",
    "node_modules/**",
    ".data/**",
    ".tmp/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      // `_`-prefixed names are deliberately unused (placeholders, destructured-away fields).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": "allow-with-description" }],
    },
  },
  {
    // Only the request boundary mints an Operator (lib/http/operator.ts): requireOperator for pages,
    // operatorAction, withOperatorRoute and apiRoute's platform audience. Tests mint their own.
    ignores: [
      "lib/http/operator.ts",
      "lib/http/session.ts",
      "lib/http/action.ts",
      "lib/http/route.ts",
      "lib/http/api-auth.ts",
      "tests/**",
      "**/*.test.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/http/operator", "@/lib/http/operator"],
              importNames: ["operatorFromUser", "operatorFromPlatformKey"],
              message:
                "Only the request boundary mints an Operator: use requireOperator(), operatorAction, withOperatorRoute or apiRoute.",
            },
            {
              group: ["**/tenancy/operator", "@/lib/tenancy/operator"],
              importNames: ["mintOperator"],
              message:
                "Only the request boundary mints an Operator: use requireOperator(), operatorAction, withOperatorRoute or apiRoute.",
            },
          ],
        },
      ],
    },
  },
  {
    // The layers (docs/architecture.md): app → lib/http → domain (lib/<domain>) → lib/db.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { tessera },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./app",
              from: "./lib/db",
              except: ["./generated/enums.ts"],
              message:
                "app/ never imports lib/db: call a domain function (lib/<domain>) that takes the authorised caller.",
            },
            {
              target: "./components",
              from: "./lib/db",
              except: ["./generated/enums.ts"],
              message: "Components never import lib/db: the page loads the data and passes it as props.",
            },
            {
              target: ["./lib/!(http)/**/*", "./lib/*.ts"],
              from: "./lib/http",
              message:
                "Only app/ and lib/http import lib/http (the request boundary sits above the domains): take the authorised caller (TenantContext, Operator) as an argument, and keep shared helpers in the domain or lib/ root.",
            },
            {
              target: ["./lib/!(api|http)/**/*", "./lib/*.ts"],
              from: "./lib/api",
              message:
                "Domains never import lib/api (the API's declarations sit above them): keep the schema or helper in the domain (or lib/ root) and let lib/api import it.",
            },
          ],
        },
      ],
      "tessera/no-server-import": "error",
      "tessera/require-server-only": "error",
    },
  },
  {
    // Specs import `test` from e2e/test.ts, whose fixture closes the browser contexts a test opens.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              message: 'Import from "./test": its `test` closes the browser contexts a test opens.',
            },
          ],
        },
      ],
    },
  },
]);
