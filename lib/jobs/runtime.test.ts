import { describe, expect, it, vi } from "vitest";

const loaded = vi.hoisted(() => new Set<string>());

vi.mock("@/lib/posts/schedule", () => {
  loaded.add("lib/posts/schedule");
  return {};
});
vi.mock("@/lib/posts/body-backfill", () => {
  loaded.add("lib/posts/body-backfill");
  return {};
});
vi.mock("@/lib/media/backfill", () => {
  loaded.add("lib/media/backfill");
  return {};
});
vi.mock("@/lib/related-posts", () => {
  loaded.add("lib/related-posts");
  return {};
});
vi.mock("@/lib/audit", () => {
  loaded.add("lib/audit");
  return {};
});
vi.mock("@/lib/audit/retention", () => {
  loaded.add("lib/audit/retention");
  return {};
});

describe("the job runtime", () => {
  it("loads no job's code with itself: instrumentation.ts imports it in every server at start", async () => {
    const runtime = await import("@/lib/jobs/runtime");
    expect(typeof runtime.startServerJobs).toBe("function");
    expect([...loaded]).toEqual([]);
  });
});
