import { afterEach, describe, expect, it, vi } from "vitest";
import { IncrementalCache } from "next/dist/server/lib/incremental-cache";
import QuirePagesCacheHandler from "@/lib/cache/handlers/pages-adapter.mjs";
import type { PagesCacheHandler } from "@/lib/cache/handlers/pages";

const BOUNDARY = Symbol.for("quire.cache");
const slots = globalThis as unknown as Record<symbol, unknown> & { __incrementalCache?: unknown };

/** Next's own IncrementalCache over the adapter, as a request of the production server makes them. */
function requestCache(): IncrementalCache {
  const cache = new IncrementalCache({
    dev: false,
    minimalMode: false,
    requestHeaders: {},
    serverDistDir: "/nonexistent",
    CurCacheHandler: QuirePagesCacheHandler,
    prerenderManifest: { version: 4, routes: {}, dynamicRoutes: {}, notFoundRoutes: [], preview: { previewModeId: "x", previewModeSigningKey: "x", previewModeEncryptionKey: "x" } },
    previewProps: { previewModeId: "x", previewModeSigningKey: "x", previewModeEncryptionKey: "x" },
  } as unknown as ConstructorParameters<typeof IncrementalCache>[0]);
  slots.__incrementalCache = cache;
  return cache;
}

afterEach(() => {
  delete slots[BOUNDARY];
  delete slots.__incrementalCache;
  vi.restoreAllMocks();
});

describe("pages cache adapter", () => {
  it("spares a page's entry Next's JSON size measurement and hands the handler the entry unchanged", async () => {
    const stored: unknown[] = [];
    const handler: Partial<PagesCacheHandler> = { get: async () => null, set: async (_key, data) => void stored.push(data) };
    slots[BOUNDARY] = { pages: handler };
    const toJSON = vi.spyOn(Buffer.prototype, "toJSON");

    const cache = requestCache();
    await cache.get("/blog/a", { kind: "APP_PAGE", isFallback: false, isRoutePPREnabled: false, route: { kind: "APP_PAGE", sourceRoute: "/blog/[slug]/page" } } as never);
    const page = { kind: "APP_PAGE", html: "<p>page</p>", rscData: Buffer.from("rsc"), headers: {}, status: 200, postponed: undefined, segmentData: new Map() };
    await cache.set("/blog/a", page as never, { route: { kind: "APP_PAGE", sourceRoute: "/blog/[slug]/page" }, cacheControl: { revalidate: 900, expire: 3600 } } as never);

    expect(toJSON).not.toHaveBeenCalled();
    expect(stored).toEqual([page]);
    expect(Object.keys(stored[0]!)).toEqual(Object.keys({ ...page }));

    // A fetch entry is still measured, as Next's limit for it needs.
    await cache.set("https://example.com/a", { kind: "FETCH", data: { headers: {}, body: "x", url: "https://example.com/a" }, revalidate: 60, tags: [] } as never, { fetchCache: true, tags: [] } as never);
    expect(stored[1]).not.toHaveProperty("toJSON");
  });
});
