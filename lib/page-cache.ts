// No "server-only" marker: instrumentation.ts loads this outside React's server environment.

/** Next tags every app page with its root layout's implicit tag. */
export const ROOT_LAYOUT_TAG = "_N_T_/layout";

interface TagEntry {
  stale?: number;
  expired?: number;
}

/**
 * Marks every page cached before `startedAt` as expired, so each is rendered again on its first request
 * after a start. Next forgets tag invalidations when it stops, and the database may change while it is
 * down (a dev session, a restore, another process); without this, a build's prerendered pages could
 * show unpublished posts until their timed refresh. Writes to the tag manifest Next's own page cache
 * reads, loaded at run time (not bundled) so that it is the same module instance.
 */
export async function expirePagesCachedBefore(startedAt: number): Promise<void> {
  const manifestModule: { tagsManifest?: Map<string, TagEntry>; default?: { tagsManifest: Map<string, TagEntry> } } = await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ "next/dist/server/lib/incremental-cache/tags-manifest.external.js"
  );
  const tagsManifest = manifestModule.tagsManifest ?? manifestModule.default?.tagsManifest;
  if (!tagsManifest) throw new Error("Next's tag manifest was not found; check lib/page-cache.ts against this Next version.");
  const entry = tagsManifest.get(ROOT_LAYOUT_TAG);
  if (typeof entry?.expired !== "number" || entry.expired < startedAt) {
    tagsManifest.set(ROOT_LAYOUT_TAG, { ...entry, expired: startedAt });
  }
}
