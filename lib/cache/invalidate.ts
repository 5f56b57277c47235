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
 * For server actions of pages that show no public data (the post editor): expires the tags through the
 * runtime at once, as a job does, rather than through updateTag, and resolves once they are expired
 * everywhere (logging a failure: the write has committed).
 *
 * updateTag expires them only after the action has returned, and then makes Next render the action's
 * page again into its response and the browser drop its router cache, refetching the prefetches of every
 * link in view and every list its components load. The editor reads no cached public data, so all of
 * that is work for nothing, done by the instance that must also render the changed pages for its
 * readers while they wait for them (bench/edge.ts, publish to visible).
 */
export async function expirePublicPagesNow(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const runtime = cacheRuntime();
  try {
    if (!runtime) throw new Error("The cache runtime is not running (instrumentation.ts starts it)");
    await runtime.invalidate(tags);
  } catch (error) {
    console.error("Could not expire the cached pages of a write", error);
  }
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
