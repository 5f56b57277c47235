// Next's file-system cache for pages, plus one thing it lacks: tag invalidations survive a restart.
// Next keeps them in memory only, so a post published just before a restart left the home page, as
// prerendered by the build, stale until its timed refresh. Loaded by Next itself (next.config.ts).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";

// CommonJS modules compiled from ESM: Node hands over module.exports, bundlers may hand over its default.
const FileSystemCache = fileSystemCacheModule.default ?? fileSystemCacheModule;
const { tagsManifest } = tagsManifestModule.tagsManifest ? tagsManifestModule : tagsManifestModule.default;

let loaded = false;

function manifestFile(serverDistDir) {
  return path.join(serverDistDir, "..", "cache", "invalidated-tags.json");
}

function load(file) {
  try {
    const saved = JSON.parse(readFileSync(file, "utf8"));
    for (const [tag, entry] of Object.entries(saved)) {
      if (!tagsManifest.has(tag)) tagsManifest.set(tag, entry);
    }
  } catch (error) {
    if (error.code !== "ENOENT") console.error("Could not read the saved cache invalidations", error);
  }
}

function save(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(Object.fromEntries(tagsManifest)));
  renameSync(temporary, file);
}

export default class PersistentTagsCache extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    // The proxy builds its cache without a dist folder; it never invalidates tags.
    this.tagsFile = ctx.serverDistDir ? manifestFile(ctx.serverDistDir) : null;
    if (this.tagsFile && !loaded) {
      loaded = true;
      load(this.tagsFile);
    }
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (this.tagsFile) save(this.tagsFile);
  }
}
