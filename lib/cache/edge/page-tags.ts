// No "server-only" marker: the pages cache handler and the response hook run outside React's server environment.

/**
 * The cache tags of each page as its cache entry recorded them (Next lists every tag a render used in the
 * entry's x-next-cache-tags header, which the pages handler, lib/cache/handlers/pages.ts, keeps). The
 * handler notes them here when it reads or writes an entry; the response hook (./response.ts) reads them
 * back for the page it is answering, to list them as surrogate keys. Next sends that header to clients
 * only on its own hosting ("minimal mode"), so this is the documented data by the documented interface.
 *
 * Bounded: the oldest noted page is dropped first, so a crawl of many URLs cannot grow it without end.
 */
const LIMIT = 10_000;
const SLOT = Symbol.for("quire.cache.edge.pageTags");

function registry(): Map<string, readonly string[]> {
  const holder = globalThis as Record<symbol, Map<string, readonly string[]> | undefined>;
  return (holder[SLOT] ??= new Map());
}

/**
 * The page path of a pages-cache key: Next 16 keys app pages as "/route-cache/APP_PAGE/<hash>/$<path>"
 * with "/index" for the home page; a plain path is taken as it is.
 */
export function pathOfCacheKey(cacheKey: string): string {
  const routeCache = /^\/route-cache\/[^/]+\/[^/]+\/\$(\/.*)$/.exec(cacheKey);
  const path = routeCache ? routeCache[1]! : cacheKey;
  return path === "/index" ? "/" : path;
}

/** Remembers the tags of the page cached under `cacheKey` (see pathOfCacheKey). */
export function notePageTags(cacheKey: string, tags: readonly string[]): void {
  if (!cacheKey.startsWith("/")) return;
  const path = pathOfCacheKey(cacheKey);
  const pages = registry();
  pages.delete(path);
  pages.set(path, tags);
  if (pages.size > LIMIT) pages.delete(pages.keys().next().value as string);
}

/** The tags last noted for the page at `path` (percent-encoded or not), or undefined. */
export function pageTagsFor(path: string): readonly string[] | undefined {
  const pages = registry();
  const found = pages.get(path);
  if (found) return found;
  try {
    return pages.get(decodeURI(path));
  } catch {
    return undefined;
  }
}

/** For tests. */
export function forgetPageTags(): void {
  registry().clear();
}
