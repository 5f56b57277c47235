import { describe, expect, it } from "vitest";
import { expirePagesCachedBefore, ROOT_LAYOUT_TAG } from "./page-cache";

async function tagsManifest(): Promise<Map<string, { expired?: number }>> {
  const manifestModule = (await import("next/dist/server/lib/incremental-cache/tags-manifest.external.js")) as unknown as {
    tagsManifest?: Map<string, { expired?: number }>;
    default?: { tagsManifest: Map<string, { expired?: number }> };
  };
  return manifestModule.tagsManifest ?? manifestModule.default!.tagsManifest;
}

describe("expirePagesCachedBefore", () => {
  it("expires the root layout's implicit tag, which every page carries, as of the start", async () => {
    await expirePagesCachedBefore(1_000);
    expect((await tagsManifest()).get(ROOT_LAYOUT_TAG)?.expired).toBe(1_000);
  });

  it("keeps a later expiry of that tag", async () => {
    (await tagsManifest()).set(ROOT_LAYOUT_TAG, { expired: 5_000 });
    await expirePagesCachedBefore(2_000);
    expect((await tagsManifest()).get(ROOT_LAYOUT_TAG)?.expired).toBe(5_000);
  });
});
