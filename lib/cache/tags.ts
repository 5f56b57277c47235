// No "server-only" marker: the cache runtime (lib/cache/runtime.ts) loads this from instrumentation.ts.

/** Every cache tag the app uses; reads tag with these, writes invalidate with these. */
export const cacheTags = {
  site: "site",
  /** Any list of published posts: home, pagination, feeds, sitemap. */
  postList: "posts",
  post: (slug: string) => `post:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  author: (slug: string) => `author:${slug}`,
  /** An uploaded file's size, copies and alt text, as pages showing it read them. */
  media: (key: string) => `media:${key}`,
} as const;

/**
 * A tag every cached entry carries implicitly. Its expiration is set when the expirations table is
 * created (and when an instance starts without reaching the database), so entries kept on disk or in
 * Redis from before are never served.
 */
export const EVERY_ENTRY_TAG = "*";

/** When each tag last expired, in milliseconds since the epoch. */
export type TagExpirations = ReadonlyMap<string, number>;

/** The latest expiration among `tags` and EVERY_ENTRY_TAG, or 0 when none has expired. */
export function latestExpiration(expirations: TagExpirations, tags: Iterable<string>): number {
  let latest = expirations.get(EVERY_ENTRY_TAG) ?? 0;
  for (const tag of tags) {
    const at = expirations.get(tag);
    if (at !== undefined && at > latest) latest = at;
  }
  return latest;
}

/**
 * Whether an entry made at `createdAt` (ms) with `tags` must not be served: one of its tags expired at
 * or after that moment. "At" counts as stale: an entry rendered in the same millisecond as a write may
 * have read the old row, and rendering it once more costs little.
 */
export function isStale(expirations: TagExpirations, tags: Iterable<string>, createdAt: number): boolean {
  const latest = latestExpiration(expirations, tags);
  return latest !== 0 && latest >= createdAt;
}
