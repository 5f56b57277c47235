// No "server-only" marker: instrumentation.ts fills it outside React's server environment.
import type { PageResponseCache } from "@/lib/cache/replay";
import type { ServerHttpHooks } from "@/lib/http/server-hooks";
import type { RetiredPostAnswer } from "@/lib/retired-post-urls";
import type { SearchFastPath } from "@/lib/search/fast-path";

/**
 * Everything scripts/server.mjs takes from the application, in one typed object. The server is plain
 * JavaScript that runs before and around Next, while this code is TypeScript that Next compiles into its
 * bundle; Next offers no documented way to hand values from the bundle to a custom server, so
 * instrumentation.ts (Next's documented start-up hook) fills this one per-process slot and the server
 * reads it once, after Next has started.
 */
export interface ServerBoundary {
  http: ServerHttpHooks;
  /** lib/retired-post-urls.ts */
  answerRetiredPostUrl(method: string, pathname: string, search: string): RetiredPostAnswer | null | Promise<RetiredPostAnswer | null>;
  /** The replay of cached pages (lib/cache/replay.ts); production only, as development renders every request. */
  replay?: Pick<PageResponseCache, "serve" | "capture">;
  /** Searches answered without rendering the page (lib/search/fast-path.ts); production only, like the replay. */
  search?: SearchFastPath;
  /**
   * Runs Next's handling of one request in its own request tags (lib/cache/edge/request-tags.ts), where
   * the cache handlers note the tags of the page it is answered with, for its surrogate keys.
   */
  runWithRequestTags<T>(handle: () => T): T;
}

const SLOT = Symbol.for("quire.server");

export function exposeToServer(boundary: ServerBoundary): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = boundary;
}
