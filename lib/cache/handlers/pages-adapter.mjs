// The incremental cache handler named in next.config.ts (cacheHandler: pages, route responses, images).
// Next imports it natively, outside its bundle, and Node 20 cannot import TypeScript: this delegates to
// the handler instrumentation.ts installs (lib/cache/handlers/pages.ts, through lib/cache/runtime.ts).
// Until then every read misses and nothing is kept.
const BOUNDARY = Symbol.for("quire.cache");

/** @returns {import("./pages.ts").PagesCacheHandler | undefined} */
const current = () => globalThis[BOUNDARY]?.pages;

export default class QuirePagesCacheHandler {
  async get(cacheKey, ctx) {
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
