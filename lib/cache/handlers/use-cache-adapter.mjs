// The "use cache" handler named in next.config.ts (cacheHandlers.default and .remote). Next imports it
// natively, outside its bundle, and Node 20 cannot import TypeScript: this delegates to the handler
// instrumentation.ts installs (lib/cache/handlers/use-cache.ts, through lib/cache/runtime.ts). Until then
// (a build's prerendering before instrumentation ran) Next's own in-memory handler answers.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const builtIn = require("next/dist/server/lib/cache-handlers/default.external.js").default;
const BOUNDARY = Symbol.for("quire.cache");

/** @returns {import("next/dist/server/lib/cache-handlers/types").CacheHandler} */
const current = () => globalThis[BOUNDARY]?.useCache ?? builtIn;

/** @type {import("next/dist/server/lib/cache-handlers/types").CacheHandler} */
const handler = {
  get: (cacheKey, softTags) => current().get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => current().set(cacheKey, pendingEntry),
  refreshTags: () => current().refreshTags(),
  getExpiration: (tags) => current().getExpiration(tags),
  updateTags: (tags, durations) => current().updateTags(tags, durations),
};

export default handler;
