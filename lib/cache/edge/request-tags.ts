// No "server-only" marker: scripts/server.mjs enters it and the cache handlers fill it, outside React's server environment.
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The cache tags of one request's answer, gathered while Next answers it, for its surrogate keys
 * (./response.ts). Filled only through Next's documented cache handler interfaces:
 *   - the "use cache" handler (lib/cache/handlers/use-cache.ts) notes the tags of every entry it returns
 *     or stores (CacheEntry.tags: the entry's cacheTag() tags, "excluding soft tags") and the soft tags
 *     Next passes to get(), the implicit tags of the page being rendered;
 *   - the pages handler (lib/cache/handlers/pages.ts) decides the tags of the page it stores from those
 *     (pageTagsFrom) and notes them, or the stored ones when it serves a page (notePage).
 * Next runs its handlers inside the async context of the request that called them (it takes the
 * snapshot its "use cache" functions run in when the request begins), so each request sees only its own.
 */
export class RequestTags {
  /** Tags of the "use cache" entries this request's render read or stored. */
  readonly rendered = new Set<string>();
  /** The soft (implicit) tags Next passed with those reads. */
  readonly implicit = new Set<string>();
  #page: Set<string> | null | undefined;

  /** Notes "use cache" entry tags and the soft tags of the read, if any. */
  noteEntry(tags: Iterable<string>, softTags: Iterable<string> = []): void {
    for (const tag of tags) this.rendered.add(tag);
    for (const tag of softTags) this.implicit.add(tag);
  }

  /**
   * The tags of a page whose cache entry lists `allTags` (its own and the implicit ones, as Next recorded
   * them), from what this request saw: the entries it rendered with, and the rest of `allTags` once the
   * implicit tags are known. Next lets a render join another request's pending "use cache" call instead
   * of calling the handler; that entry's tags are then only in `allTags`. Null when they cannot be told
   * from implicit ones (no read passed soft tags): better no keys than keys a purge would miss.
   */
  pageTagsFrom(allTags: readonly string[]): string[] | null {
    const tags = new Set(this.rendered);
    for (const tag of allTags) {
      if (tags.has(tag) || this.implicit.has(tag)) continue;
      if (this.implicit.size === 0) return null;
      tags.add(tag);
    }
    return [...tags];
  }

  /**
   * Notes the tags of a page this request is answered with (served or stored by the pages cache); null
   * when they are unknown, which stays so for the request. Several pages (a stale one served while its
   * new render is stored) add up: more keys only purge a page more often.
   */
  notePage(tags: readonly string[] | null): void {
    if (this.#page === null) return;
    if (tags === null) {
      this.#page = null;
      return;
    }
    this.#page ??= new Set();
    for (const tag of tags) this.#page.add(tag);
  }

  /** The tags of the page(s) this request is answered with, or null when none was noted or one was unknown. */
  get page(): readonly string[] | null {
    return this.#page ? [...this.#page] : null;
  }

  #cachedPage: CachedPage | null | undefined;

  /**
   * Notes the cache entry of the page this request is answered with (served or stored by the pages
   * cache): what a copy of the answer stays valid with (lib/cache/replay.ts). A second entry (a stale
   * page served while its new render is stored) makes it unknown.
   */
  noteCachedPage(page: CachedPage): void {
    this.#cachedPage = this.#cachedPage === undefined ? page : null;
  }

  /** The one page cache entry this request is answered with, or null. */
  get cachedPage(): CachedPage | null {
    return this.#cachedPage ?? null;
  }
}

/**
 * A page cache entry as its answer depends on it: all its tags, implicit ones included, when it was made,
 * and when Next would render it again (seconds after madeAt; none: only when a tag expires).
 */
export interface CachedPage {
  tags: readonly string[];
  madeAt: number;
  revalidateSeconds?: number;
}

const SLOT = Symbol.for("quire.cache.edge.requestTags");

/** One store per process, though Next may copy this module into several chunks. */
function storage(): AsyncLocalStorage<RequestTags> {
  const holder = globalThis as Record<symbol, AsyncLocalStorage<RequestTags> | undefined>;
  return (holder[SLOT] ??= new AsyncLocalStorage<RequestTags>());
}

/** Runs `handle` (Next answering one request) with a fresh set of request tags; for scripts/server.mjs. */
export function runWithRequestTags<T>(handle: () => T): T {
  return storage().run(new RequestTags(), handle);
}

/** The tags of the request being answered, or undefined outside one (a build, a job, a test). */
export function currentRequestTags(): RequestTags | undefined {
  return storage().getStore();
}
