import { defineConfig } from "prisma/config";

// The URL is only read by `prisma migrate deploy` on machines that have the native engine;
// this project's own scripts (scripts/db/*) apply migrations through the WebAssembly engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/quire" },
});
