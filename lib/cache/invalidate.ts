// No "server-only" marker: the scheduled-publishing worker calls this from instrumentation.ts too.
import { updateTag } from "next/cache";
import { cacheRuntime, type InvalidateListener } from "@/lib/cache/runtime";

/**
 * The single entry point for a write readers can see: call it with the write's tags (lib/cache/tags.ts)
 * once the write has committed. Every instance stops serving what carries those tags within well under a
 * second, and every onInvalidate listener (a CDN or Varnish purge) hears of it on each instance.
 *
 * In a server action it goes through Next's updateTag, so the action's own response already shows the
 * change (Next hands the tags to the cache handler, lib/cache/handlers/use-cache.ts, which calls the
 * runtime). Anywhere else (the job worker, a route handler) it calls the runtime directly.
 */
export async function invalidate(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  try {
    for (const tag of tags) updateTag(tag);
    return;
  } catch {
    // Not in a server action: updateTag needs one.
  }
  const runtime = cacheRuntime();
  if (!runtime) throw new Error("The cache runtime is not running (instrumentation.ts starts it)");
  await runtime.invalidate(tags);
}

/** For server actions, which do not wait for it: invalidate, logging a failure (the write has committed). */
export function expirePublicPages(tags: readonly string[]): void {
  invalidate(tags).catch((error: unknown) => console.error("Could not expire the cached pages of a write", error));
}

/**
 * Registers `listener` for every invalidation on this instance, its own and those other instances
 * broadcast: the hook for purging caches in front (lib/cache/edge). Call after the runtime started
 * (instrumentation.ts). Returns the unsubscribe.
 */
export function onInvalidate(listener: InvalidateListener): () => void {
  const runtime = cacheRuntime();
  if (!runtime) throw new Error("onInvalidate: the cache runtime is not running yet (register it in instrumentation.ts after startCache)");
  return runtime.onInvalidate(listener);
}

export type { InvalidateListener };
