import { vi } from "vitest";

// Data-layer tests run outside Next: its cache APIs need a request scope, and caching itself is
// covered end to end, so here they do nothing.
vi.mock("next/cache", () => ({
  cacheTag: () => undefined,
  cacheLife: () => undefined,
  updateTag: () => undefined,
  revalidateTag: () => undefined,
}));

if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need DATABASE_URL (npm test sets it).");
}
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
