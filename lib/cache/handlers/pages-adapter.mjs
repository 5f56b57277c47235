// The incremental cache handler named in next.config.ts (cacheHandler: pages, route responses, images).
// Next imports it natively, outside its bundle, and Node 20 cannot import TypeScript: this delegates to
// the handler instrumentation.ts installs (lib/cache/handlers/pages.ts, through lib/cache/runtime.ts).
// Until then every read misses and nothing is kept.
const BOUNDARY = Symbol.for("quire.cache");
const UNMEASURED = Symbol.for("quire.cache.unmeasured");

/** @returns {import("./pages.ts").PagesCacheHandler | undefined} */
const current = () => globalThis[BOUNDARY]?.pages;

/** What Next's size measurement reads of an entry instead of the entry. */
function unmeasured() {
  return null;
}

/**
 * Next's IncrementalCache.set (next 16.4) writes every entry as JSON to measure it, before it hands the
 * entry to this handler, and uses the size only for fetch() entries without a custom handler: a page's
 * entry holds its flight data as a Buffer, which JSON writes as an array of numbers, so every rendered page
 * paid milliseconds and megabytes of garbage for a number nothing read. Next offers no option to skip it,
 * and the entry reaches no code of ours first; so set() of the IncrementalCache class that made this
 * handler gives page and route entries a toJSON of their own (not enumerable: spreads and v8.serialize
 * do not see it) that the measurement reads instead. Fetch entries are measured as before.
 *
 * Next makes an IncrementalCache and its handler per request and leaves the newest in
 * globalThis.__incrementalCache; its class is found there once it is this handler's, which it is during
 * the get() Next calls before it renders and stores a page. Each server runtime bundles its own class.
 */
function skipSizeMeasurement(handler) {
  const cache = globalThis.__incrementalCache;
  if (cache?.cacheHandler !== handler) return;
  const prototype = Object.getPrototypeOf(cache);
  if (Object.hasOwn(prototype, UNMEASURED) || typeof prototype.set !== "function") return;
  const set = prototype.set;
  Object.defineProperty(prototype, UNMEASURED, { value: true });
  prototype.set = function (pathname, data, ctx) {
    if (data !== null && typeof data === "object" && !ctx?.fetchCache) Object.defineProperty(data, "toJSON", { value: unmeasured, configurable: true });
    return set.call(this, pathname, data, ctx);
  };
}

export default class QuirePagesCacheHandler {
  async get(cacheKey, ctx) {
    skipSizeMeasurement(this);
    return (await current()?.get(cacheKey, ctx)) ?? null;
  }

  async set(cacheKey, data, ctx) {
    await current()?.set(cacheKey, data, ctx);
  }

  async revalidateTag(tags, durations) {
    await current()?.revalidateTag(tags, durations);
  }

  resetRequestCache() {}
}
