// No "server-only" marker: created by lib/cache/runtime.ts's boundary, outside React's server environment.
import { deserialize, serialize } from "node:v8";
import type { CacheHandlerValue } from "next/dist/server/lib/incremental-cache";
import type { IncrementalCacheValue } from "next/dist/server/response-cache/types";
import type { CacheRuntime } from "@/lib/cache/runtime";
import { currentRequestTags } from "@/lib/cache/edge/request-tags";
import { readerPage, STORED_PAGE_SCRIPTS_HEADER } from "@/lib/http/framework-scripts";

/** What Next's incremental cache hands its handler; the part of its interface Quire needs. */
export interface PagesCacheHandler {
  get(cacheKey: string, ctx?: unknown): Promise<CacheHandlerValue | null>;
  set(cacheKey: string, data: IncrementalCacheValue | null, ctx?: { tags?: string[]; cacheControl?: { revalidate?: number | false; expire?: number } }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}

interface StoredPage {
  lastModified: number;
  tags: string[];
  /** A page's HTML is kept in `html` instead, its `html` left empty. */
  value: IncrementalCacheValue;
  /** A page's HTML as UTF-8: half the bytes of the string V8 would write for text beyond Latin-1. */
  html?: Buffer;
  cacheControl?: CacheHandlerValue["cacheControl"];
  /** The page's own tags (no implicit ones) for its surrogate keys; null: unknown, so the page gets none. */
  surrogateTags?: string[] | null;
}

const KEY_PREFIX = "page:";
/** Next's header listing a page's tags, implicit ones (its path and layouts) included. */
const TAGS_HEADER = "x-next-cache-tags";
/** Kept this long when the page sets no expiry: until a write invalidates it, in practice. */
const DEFAULT_TTL_SECONDS = 365 * 24 * 60 * 60;
/** Misses remembered until their page is stored; more means renders that never finished. */
const MAX_RENDERS_UNDER_WAY = 10_000;

type AppPage = Extract<IncrementalCacheValue, { kind: "APP_PAGE" }>;

/** Rendered pages and route responses: what a reader's request is answered with. */
function isPage(data: IncrementalCacheValue): boolean {
  return data.kind === "APP_PAGE" || data.kind === "APP_ROUTE";
}

function tagsOf(data: IncrementalCacheValue, ctx: { tags?: string[] } | undefined): string[] {
  if (data.kind === "FETCH") return ctx?.tags ?? data.tags ?? [];
  const headers = "headers" in data ? data.headers : undefined;
  const header = headers?.[TAGS_HEADER];
  return typeof header === "string" ? header.split(",") : [];
}

/**
 * Notes on the request being answered the page it is answered with: its surrogate keys (the edge's
 * purge keys) and its entry, which a kept copy of the answer stays valid with (lib/cache/replay.ts).
 */
function noteAnswer(surrogateTags: string[] | null, stored: StoredPage, madeAt: number): void {
  const request = currentRequestTags();
  request?.notePage(surrogateTags);
  request?.noteCachedPage({ tags: stored.tags, madeAt, revalidateSeconds: revalidateSeconds(stored.cacheControl) });
}

/**
 * Next's incremental cache handler (cacheHandler in next.config.ts: rendered pages, route handler
 * responses, optimised images) over the runtime's storage. A page is a miss once one of the tags Next
 * recorded on it expired at or after it was made, so Next renders it again before answering; Next's own
 * tag manifest, which lives in one process, is not consulted.
 *
 * A page counts as made when its render began, not when it was stored: a write that lands while the
 * page renders (it may have read the old rows) must make it stale. Next asks get() for the key before it
 * renders, so a miss records that moment and set() stamps the page with it; so does a get() of a page
 * past its revalidate time, which Next serves while it renders the page again in the background.
 */
export function createPagesHandler(runtime: CacheRuntime, now: () => number = Date.now): PagesCacheHandler {
  /** When the render of each key under way began (the first get() that led to it since it was last stored). */
  const renderStarts = new Map<string, number>();
  const renderBegins = (cacheKey: string): void => {
    if (renderStarts.has(cacheKey)) return;
    if (renderStarts.size >= MAX_RENDERS_UNDER_WAY) renderStarts.delete(renderStarts.keys().next().value!);
    renderStarts.set(cacheKey, now());
  };
  const missed = (cacheKey: string): null => {
    renderBegins(cacheKey);
    return null;
  };
  return {
    async get(cacheKey) {
      const bytes = await runtime.storage.get(KEY_PREFIX + cacheKey);
      if (!bytes) return missed(cacheKey);
      const stored = deserialize(bytes) as StoredPage;
      if (runtime.tags.isStale(stored.tags, stored.lastModified)) return missed(cacheKey);
      // Past its revalidate time Next serves this entry and renders the page again in the background:
      // that render begins now, not when it is stored.
      const revalidate = revalidateSeconds(stored.cacheControl);
      if (revalidate !== undefined && now() - stored.lastModified >= revalidate * 1000) renderBegins(cacheKey);
      if (isPage(stored.value)) noteAnswer(stored.surrogateTags ?? null, stored, stored.lastModified);
      const value = stored.html !== undefined && stored.value.kind === "APP_PAGE" ? { ...stored.value, html: stored.html.toString("utf8") } : stored.value;
      return { lastModified: stored.lastModified, value, cacheControl: stored.cacheControl };
    },

    async set(cacheKey, data, ctx) {
      const renderedFrom = renderStarts.get(cacheKey) ?? now();
      renderStarts.delete(cacheKey);
      if (!data) {
        await runtime.storage.delete(KEY_PREFIX + cacheKey);
        return;
      }
      const cacheControl = ctx?.cacheControl;
      const ttl = typeof cacheControl?.expire === "number" ? cacheControl.expire : DEFAULT_TTL_SECONDS;
      const stored: StoredPage = { lastModified: renderedFrom, tags: tagsOf(data, ctx), value: data, cacheControl: cacheControl as StoredPage["cacheControl"] };
      if (data.kind === "APP_PAGE") {
        stripReaderPage(data);
        stored.value = { ...data, html: "" };
        stored.html = Buffer.from(data.html, "utf8");
      }
      if (isPage(data)) {
        // The tags of the "use cache" entries this request's render used (lib/cache/edge/request-tags.ts).
        stored.surrogateTags = currentRequestTags()?.pageTagsFrom(stored.tags) ?? null;
        noteAnswer(stored.surrogateTags, stored, renderedFrom);
      }
      try {
        await runtime.storage.set(KEY_PREFIX + cacheKey, serialize(stored), ttl);
      } catch (error) {
        console.error(`Cache: could not store ${cacheKey}`, error);
      }
    },

    // Next hands the same tags to the "use cache" handler's updateTags (lib/cache/handlers/use-cache.ts)
    // on every updateTag, revalidateTag and revalidatePath, and that records them once for both.
    async revalidateTag() {},

    resetRequestCache() {},
  };
}

/** The seconds after which Next renders an entry again, when it does on a timer. */
function revalidateSeconds(cacheControl: StoredPage["cacheControl"]): number | undefined {
  const revalidate = cacheControl?.revalidate;
  return typeof revalidate === "number" ? revalidate : undefined;
}

/**
 * A reader page (one whose document asks for it, lib/http/framework-scripts.ts) made what it is sent as,
 * once, before it is stored: without the framework's scripts, and with the policy sources of the scripts
 * left in a header of its own (secureResponse then sends it as it is).
 *
 * Its flight data stays: admin pages link to reader pages, and the client router asks for the page's
 * flight data (rscData) to navigate there. Without cacheComponents, Next has no answer for such a request
 * to a page stored without rscData but a 500. (Per-segment prefetch data is not made for pages rendered
 * at runtime at all: scripts/patch-next.mjs.)
 *
 * `page` is changed in place: it is also the value Next answers the request that rendered it with, once
 * set() returns (response-cache's handleRevalidate), so that answer too is the stripped page. Were Next to
 * hand set() a copy, secureResponse would strip that first answer itself, as it does for pages the build
 * prerendered.
 */
function stripReaderPage(page: AppPage): void {
  const reader = readerPage(page.html);
  if (!reader) return;
  page.html = reader.html;
  page.headers = { ...page.headers, [STORED_PAGE_SCRIPTS_HEADER]: reader.header };
}
