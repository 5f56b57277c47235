import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";


/** A fresh copy of the handler and of Next's in-memory tag manifest, as a new server process sees them. */
async function freshProcess() {
  vi.resetModules();
  const { default: Cache } = await import("./next-cache-handler.mjs");
  const manifestModule = (await import("next/dist/server/lib/incremental-cache/tags-manifest.external.js")) as unknown as {
    tagsManifest?: Map<string, { expired?: number }>;
    default?: { tagsManifest: Map<string, { expired?: number }> };
  };
  const tagsManifest = manifestModule.tagsManifest ?? manifestModule.default!.tagsManifest;
  return { Cache, tagsManifest };
}

describe("the page cache handler", () => {
  let dist: string;

  beforeEach(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "quire-cache-"));
  });
  afterEach(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  it("keeps tag invalidations across a restart", async () => {
    const serverDistDir = path.join(dist, "server");
    const first = await freshProcess();
    await new first.Cache({ serverDistDir, flushToDisk: true }).revalidateTag(["posts", "post:hello"]);
    const saved = JSON.parse(await readFile(path.join(dist, "cache", "invalidated-tags.json"), "utf8"));
    expect(Object.keys(saved).sort()).toEqual(["post:hello", "posts"]);

    first.tagsManifest.clear();
    const second = await freshProcess();
    expect(second.tagsManifest.has("posts")).toBe(false);
    new second.Cache({ serverDistDir, flushToDisk: true });
    expect(second.tagsManifest.get("posts")?.expired).toBe(saved.posts.expired);
  });

  it("does not persist anything when Next gives it no dist folder (the proxy)", async () => {
    const { Cache } = await freshProcess();
    await expect(new Cache({}).revalidateTag("posts")).resolves.toBeUndefined();
  });
});
