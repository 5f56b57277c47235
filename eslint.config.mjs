import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    // Imports flow one way: app → components → lib.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*"], message: "components/ must not import from app/." }, { group: ["@/lib/db", "@/lib/generated/*"], message: "Components receive DTOs; they never touch the database client." }] }],
    },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/generated/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/components/*", "@/app/*"], message: "lib/ must not import from components/ or app/." }] }],
    },
  },
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/generated/*"], message: "Pages go through the aggregate modules in lib/, never Prisma." }] }],
    },
  },
]);
