// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";

// lib/editor/doc.ts builds the shared schema as it loads; the editor builds its own, so its client code
// must not load that module (one schema less to build, and no write-time validation shipped, when the editor opens).
vi.mock("@/lib/editor/doc", () => {
  throw new Error("lib/editor/doc was loaded by the editor's client code");
});

describe("the editor's client code", () => {
  it("does not load lib/editor/doc", { timeout: 30_000 }, async () => {
    await expect(import("@/components/editor/post-editor")).resolves.toHaveProperty("PostEditor");
    await expect(import("@/components/editor/word-count")).resolves.toHaveProperty("WordCount");
    // The editor page's other client components.
    await expect(import("@/components/editor/post-settings-panel")).resolves.toHaveProperty("PostSettingsPanel");
    await expect(import("@/components/editor/feature-image-field")).resolves.toHaveProperty("FeatureImageField");
    await expect(import("@/components/editor/revision-history")).resolves.toHaveProperty("RevisionHistory");
    await expect(import("@/components/editor/preview-links")).resolves.toHaveProperty("PreviewLinks");
    await expect(import("@/components/editor/schedule-panel")).resolves.toHaveProperty("SchedulePanel");
  });
});
