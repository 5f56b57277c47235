// No "server-only" marker: created by lib/cache/runtime.ts's boundary, outside React's server environment.
import { deserialize, serialize } from "node:v8";
import type { CacheEntry, CacheHandler } from "next/dist/server/lib/cache-handlers/types";
import type { CacheRuntime } from "@/lib/cache/runtime";
import { currentRequestTags } from "@/lib/cache/edge/request-tags";

/** A "use cache" entry as stored: the entry's fields with its value read out of the stream. */
interface StoredEntry {
  tags: string[];
  stale: number;
  timestamp: number;
  expire: number;
  revalidate: number;
  value: Buffer;
}

const KEY_PREFIX = "use-cache:";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function streamOf(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      controller.close();
    },
  });
}

/**
 * Next's "use cache" handler interface (cacheHandlers.default and .remote in next.config.ts) over the
 * runtime's storage and tag expirations. An entry is a miss once any of its tags, or the page's implicit
 * tags Next passes as soft tags, expired at or after the entry was made.
 *
 * The tags of every entry it returns or stores, and the soft tags of every read, go to the request being
 * answered (lib/cache/edge/request-tags.ts): the pages handler keeps them with the page for its surrogate keys.
 */
export function createUseCacheHandler(runtime: CacheRuntime): CacheHandler {
  /** Entries being written: a get for the same key waits for them, as the interface asks. */
  const pending = new Map<string, Promise<void>>();
  return {
    async get(cacheKey, softTags) {
      // Hit or miss, the soft tags are the implicit tags of the page being rendered.
      const request = currentRequestTags();
      request?.noteEntry([], softTags);
      await pending.get(cacheKey);
      const bytes = await runtime.storage.get(KEY_PREFIX + cacheKey);
      if (!bytes) return undefined;
      const stored = deserialize(bytes) as StoredEntry;
      if (runtime.tags.isStale(stored.tags, stored.timestamp) || runtime.tags.isStale(softTags, stored.timestamp)) return undefined;
      const { value, ...fields } = stored;
      request?.noteEntry(stored.tags);
      return { ...fields, value: streamOf(value) } satisfies CacheEntry;
    },

    async set(cacheKey, pendingEntry) {
      const request = currentRequestTags();
      let done!: () => void;
      const written = new Promise<void>((resolve) => (done = resolve));
      pending.set(cacheKey, written);
      try {
        const entry = await pendingEntry;
        request?.noteEntry(entry.tags);
        // A stream that failed part-way holds a partial value: not kept.
        const value = await readAll(entry.value);
        const stored: StoredEntry = { tags: entry.tags, stale: entry.stale, timestamp: entry.timestamp, expire: entry.expire, revalidate: entry.revalidate, value };
        await runtime.storage.set(KEY_PREFIX + cacheKey, serialize(stored), entry.expire);
      } catch (error) {
        console.error("Cache: could not store a \"use cache\" entry", error);
      } finally {
        if (pending.get(cacheKey) === written) pending.delete(cacheKey);
        done();
      }
    },

    // The tag map is kept current by the bus; there is nothing to fetch per request.
    async refreshTags() {},

    async getExpiration(tags) {
      return runtime.tags.latest(tags);
    },

    async updateTags(tags) {
      await runtime.invalidate(tags);
    },
  };
}
