import "server-only";

interface TagEntry {
  stale?: number;
  expired?: number;
}

const PAGE_RESPONSE_CACHE = Symbol.for("quire.pageResponseCache");

/**
 * Expires pages tagged with `tags` from a job, outside any request: what updateTag does in an action
 * (updateTag and revalidateTag need a request's store). Both of Next's caches, pages and "use cache"
 * entries, read expirations from its tag manifest, loaded at run time so that it is Next's own module
 * instance (as lib/page-cache.ts does); the server's page response cache is emptied too. Applies to this
 * process, as an action's invalidation does.
 */
export async function expirePagesFromJob(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const manifestModule: { tagsManifest?: Map<string, TagEntry>; default?: { tagsManifest: Map<string, TagEntry> } } = await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ "next/dist/server/lib/incremental-cache/tags-manifest.external.js"
  );
  const tagsManifest = manifestModule.tagsManifest ?? manifestModule.default?.tagsManifest;
  if (!tagsManifest) throw new Error("Next's tag manifest was not found; check lib/jobs/expire-pages.ts against this Next version.");
  const now = Math.round(performance.timeOrigin + performance.now());
  for (const tag of tags) tagsManifest.set(tag, { ...tagsManifest.get(tag), expired: now });
  // The expirations above are already in force, so the replayed pages can come back at once.
  const responses = (globalThis as Record<symbol, { hold(): () => void } | undefined>)[PAGE_RESPONSE_CACHE];
  responses?.hold()();
}
