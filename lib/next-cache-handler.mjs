// Next's file-system page cache, with one policy added: a page cached before this server started is
// rendered again on its first request. The database may have changed while the server was down (a
// dev session, a restore, another process), SITE_URL may differ, and Next forgets tag invalidations
// on restart; without this, a build's prerendered pages could show unpublished posts for a day.
// Loaded by Next itself (next.config.ts).
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";

// CommonJS modules compiled from ESM: Node hands over module.exports, bundlers may hand over its default.
const FileSystemCache = fileSystemCacheModule.default ?? fileSystemCacheModule;
const { tagsManifest } = tagsManifestModule.tagsManifest ? tagsManifestModule : tagsManifestModule.default;

/** Next tags every app page with its root layout's implicit tag. */
export const ROOT_LAYOUT_TAG = "_N_T_/layout";

const startedAt = Date.now();

export default class CacheFromThisStart extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    const entry = tagsManifest.get(ROOT_LAYOUT_TAG);
    if (!entry || typeof entry.expired !== "number" || entry.expired < startedAt) {
      tagsManifest.set(ROOT_LAYOUT_TAG, { ...entry, expired: startedAt });
    }
  }
}
