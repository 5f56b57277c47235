import { describe, expect, it } from "vitest";
import CacheFromThisStart, { ROOT_LAYOUT_TAG } from "./next-cache-handler.mjs";

interface TagsManifestModule {
  tagsManifest?: Map<string, { expired?: number }>;
  default?: { tagsManifest: Map<string, { expired?: number }> };
}

async function tagsManifest() {
  const manifestModule = (await import("next/dist/server/lib/incremental-cache/tags-manifest.external.js")) as unknown as TagsManifestModule;
  return manifestModule.tagsManifest ?? manifestModule.default!.tagsManifest;
}

describe("the page cache handler", () => {
  it("counts every page cached before the server started as expired", async () => {
    const before = Date.now();
    new CacheFromThisStart({});
    const manifest = await tagsManifest();
    const expired = manifest.get(ROOT_LAYOUT_TAG)?.expired;
    expect(typeof expired).toBe("number");
    // The handler's module was loaded during this test file's imports, so its start precedes `before`.
    expect(expired!).toBeLessThanOrEqual(before);
  });

  it("keeps a later invalidation of the root layout", async () => {
    const manifest = await tagsManifest();
    const later = Date.now() + 1_000;
    manifest.set(ROOT_LAYOUT_TAG, { expired: later });
    new CacheFromThisStart({});
    expect(manifest.get(ROOT_LAYOUT_TAG)?.expired).toBe(later);
  });
});
