import { Redis } from "ioredis";
import type { MemoryStorage } from "@/lib/cache/storage/memory";
import type { EntryStorage } from "@/lib/cache/storage/types";

/** While Redis is down, entries go to memory for at most this long. */
export const FALLBACK_TTL_SECONDS = 60;

/**
 * Entries in Redis under `prefix`, shared by every instance. While Redis is unreachable the instance
 * keeps serving and writing through `fallback` (memory, short lifetimes), says so once, and goes back to
 * Redis when ioredis has reconnected.
 */
export class RedisStorage implements EntryStorage {
  readonly name = "redis";
  readonly #client: Redis;
  #down = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly fallback: MemoryStorage,
  ) {
    this.#client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.#client.on("error", (error: Error) => this.#noteDown(error));
    this.#client.on("ready", () => {
      if (this.#down) console.log("Cache storage: Redis is back");
      this.#down = false;
    });
  }

  /** Connects; a failure is logged and the fallback serves until Redis answers. */
  async connect(): Promise<void> {
    await this.#client.connect().catch((error: Error) => this.#noteDown(error));
  }

  get usingFallback(): boolean {
    return this.#client.status !== "ready";
  }

  #noteDown(error: Error): void {
    if (!this.#down) console.error(`Cache storage: Redis is unreachable (${error.message}); using memory with ${FALLBACK_TTL_SECONDS} s lifetimes`);
    this.#down = true;
  }

  async get(key: string): Promise<Buffer | undefined> {
    if (this.usingFallback) return this.fallback.get(key);
    try {
      return (await this.#client.getBuffer(this.prefix + key)) ?? (await this.fallback.get(key));
    } catch (error) {
      this.#noteDown(error as Error);
      return this.fallback.get(key);
    }
  }

  async set(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    if (this.usingFallback) return this.fallback.set(key, value, Math.min(ttlSeconds, FALLBACK_TTL_SECONDS));
    try {
      await this.#client.set(this.prefix + key, value, "EX", Math.max(1, Math.ceil(ttlSeconds)));
    } catch (error) {
      this.#noteDown(error as Error);
      await this.fallback.set(key, value, Math.min(ttlSeconds, FALLBACK_TTL_SECONDS));
    }
  }

  async delete(key: string): Promise<void> {
    await this.fallback.delete(key);
    if (this.usingFallback) return;
    await this.#client.del(this.prefix + key).catch((error: Error) => this.#noteDown(error));
  }

  async close(): Promise<void> {
    this.#client.disconnect();
  }
}
