// No "server-only" marker: instrumentation.ts starts it, outside React's server environment.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DEFAULT_CHANNEL, pgTransport, redisTransport, type InvalidationEvent, type InvalidationTransport } from "@/lib/cache/bus";
import { DiskStorage } from "@/lib/cache/storage/disk";
import { megabytesFromEnvironment, MemoryStorage, TieredStorage } from "@/lib/cache/storage/memory";
import { RedisStorage } from "@/lib/cache/storage/redis";
import type { EntryStorage } from "@/lib/cache/storage/types";
import { pgTagTable, TagStore, type TagTable } from "@/lib/cache/tag-store";
import { EVERY_ENTRY_TAG } from "@/lib/cache/tags";
import { createPagesHandler, type PagesCacheHandler } from "@/lib/cache/handlers/pages";
import { createUseCacheHandler } from "@/lib/cache/handlers/use-cache";
import type { CacheHandler } from "next/dist/server/lib/cache-handlers/types";

/** Told of every invalidation, this instance's and every other's (see onInvalidate). */
export type InvalidateListener = (tags: readonly string[], source: "local" | "remote") => void;

export interface CacheRuntimeOptions {
  storage: EntryStorage;
  /** The durable expirations; none in tools and unit tests. */
  table?: TagTable;
  transports?: InvalidationTransport[];
  channel?: string;
  instanceId?: string;
}

/** Event ids remembered to apply an event heard on two transports once. */
const SEEN_EVENTS = 1_000;

/**
 * The cache of one instance: its entry storage, its copy of the tag expirations, and the bus that
 * keeps that copy in step with every other instance. See lib/cache/README.md.
 */
export class CacheRuntime {
  readonly tags = new TagStore();
  readonly storage: EntryStorage;
  readonly instanceId: string;
  readonly #table?: TagTable;
  readonly #transports: InvalidationTransport[];
  readonly #channel: string;
  readonly #listeners = new Set<InvalidateListener>();
  readonly #seen = new Set<string>();

  constructor(options: CacheRuntimeOptions) {
    this.storage = options.storage;
    this.#table = options.table;
    this.#transports = options.transports ?? [];
    this.#channel = options.channel ?? DEFAULT_CHANNEL;
    this.instanceId = options.instanceId ?? randomUUID();
  }

  /**
   * Loads the expirations and starts listening. When the table cannot be read, every kept entry counts
   * as expired now (it may predate a write this instance cannot see); pages rendered from here on are
   * cached as usual.
   */
  async start(): Promise<void> {
    await Promise.all(
      this.#transports.map((transport) =>
        transport
          .start({ onEvent: (event) => this.#receive(event), onReconnect: () => void this.#catchUp() })
          .catch((error: unknown) => console.error(`Cache invalidations: could not listen on ${transport.name}; retrying`, error)),
      ),
    );
    if (!this.#table) return;
    try {
      this.tags.merge(await this.#table.load(), 0);
    } catch (error) {
      console.error("Cache: could not read the tag expirations; treating every kept entry as expired", error);
      this.tags.record([EVERY_ENTRY_TAG], Date.now());
    }
  }

  /**
   * Expires `tags` everywhere: here at once (before this returns a page rendered earlier is no longer
   * served), in the durable table, and on every other instance through the bus. A failed table write or
   * broadcast is logged, not thrown: the write it follows has committed.
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    const unique = [...new Set(tags)];
    if (unique.length === 0) return;
    const at = Date.now();
    this.tags.record(unique, at);
    this.#emit(unique, "local");
    const event: InvalidationEvent = { id: randomUUID(), origin: this.instanceId, tags: unique, at };
    const payload = JSON.stringify(event);
    const results = await Promise.allSettled([
      this.#table?.save(unique, at, { channel: this.#channel, payload }),
      ...this.#transports.map((transport) => transport.publish(event)),
    ]);
    for (const result of results) {
      if (result.status === "rejected") console.error("Cache: an invalidation reached this instance only", result.reason);
    }
  }

  /** Calls `listener` after every invalidation (this instance's or another's); returns the unsubscribe. */
  onInvalidate(listener: InvalidateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    await Promise.all(this.#transports.map((transport) => transport.close()));
    await this.storage.close?.();
  }

  #receive(event: InvalidationEvent): void {
    if (event.origin === this.instanceId || this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    if (this.#seen.size > SEEN_EVENTS) this.#seen.delete(this.#seen.values().next().value!);
    // This instance's clock: anything it cached before hearing of the write is older than it.
    this.tags.record(event.tags, Math.max(event.at, Date.now()));
    this.#emit(event.tags, "remote");
  }

  async #catchUp(): Promise<void> {
    if (!this.#table) return;
    try {
      const changed = this.tags.merge(await this.#table.load(), Date.now());
      if (changed.length > 0) this.#emit(changed, "remote");
    } catch (error) {
      console.error("Cache: could not reload the tag expirations after a reconnection; treating every kept entry as expired", error);
      this.tags.record([EVERY_ENTRY_TAG], Date.now());
      this.#emit([EVERY_ENTRY_TAG], "remote");
    }
  }

  #emit(tags: readonly string[], source: "local" | "remote"): void {
    for (const listener of this.#listeners) {
      try {
        listener(tags, source);
      } catch (error) {
        console.error("Cache: an invalidation listener failed", error);
      }
    }
  }
}

/**
 * The one boundary between code Next bundles (server actions, instrumentation.ts) and code loaded
 * outside the bundle in the same process: the cache handler adapters Next imports natively
 * (lib/cache/handlers/*-adapter.mjs, named in next.config.ts) and scripts/server.mjs. Node 20 cannot import
 * TypeScript, and a bundled module may be copied into several chunks, so the running cache is one
 * per-process slot holding this typed object, filled once by instrumentation.ts.
 */
export interface CacheBoundary {
  runtime: CacheRuntime;
  /** For cacheHandlers.default / .remote (lib/cache/handlers/use-cache-adapter.mjs). */
  useCache: CacheHandler;
  /** For cacheHandler (lib/cache/handlers/pages-adapter.mjs). */
  pages: PagesCacheHandler;
}

const BOUNDARY = Symbol.for("quire.cache");

export function installCacheRuntime(runtime: CacheRuntime): CacheBoundary {
  const boundary: CacheBoundary = { runtime, useCache: createUseCacheHandler(runtime), pages: createPagesHandler(runtime) };
  (globalThis as Record<symbol, unknown>)[BOUNDARY] = boundary;
  return boundary;
}

/** The running instance's cache, or undefined in tools and tests that started none. */
export function cacheRuntime(): CacheRuntime | undefined {
  return (globalThis as Record<symbol, CacheBoundary | undefined>)[BOUNDARY]?.runtime;
}

export interface CacheEnvironment {
  [name: string]: string | undefined;
  DATABASE_URL?: string;
  REDIS_URL?: string;
  /** Where the disk storage keeps entries; default <cwd>/.data/cache. */
  QUIRE_CACHE_DIR?: string;
  QUIRE_DIST_DIR?: string;
  /** MB of the memory front in a production server (0: none, every read goes to disk or Redis). */
  QUIRE_CACHE_MEMORY_MB?: string;
  NEXT_PHASE?: string;
  NODE_ENV?: string;
}

/**
 * The memory front of a production server, in MB (QUIRE_CACHE_MEMORY_MB). The disk or Redis behind it
 * holds the whole site, and pages readers keep asking for are answered from the page replay
 * (lib/cache/replay.ts) before Next reads this cache at all; the front saves a disk or Redis read while
 * the replay refills after an invalidation. 16 MB holds the entries of the hot pages (an entry is a
 * page's HTML and flight data, about 100 KB for a post); README "Memory" has the measurements.
 */
export const DEFAULT_MEMORY_FRONT_MB = 16;
/** Where memory is the whole cache (a build's prerendering, development): sized as before, not as a front. */
const MEMORY_ONLY_BYTES = 64 * 1024 * 1024;

/** How often each instance deletes expired entries from its cache folder (Redis expires them itself). */
const DISK_SWEEP_INTERVAL_MS = 6 * 60 * 60_000;

/**
 * Storage and transports from the environment: Redis when REDIS_URL is set, else files under the data
 * folder. The namespace is the build (entries hold Next's serialised output, which changes with it) and
 * the database: its address, so two sites sharing a folder never see each other's pages, and its OID, so
 * a database dropped and created again under the same name (a restore from a backup, a reset) never
 * finds the pages of the one before, which its own table of expirations knows nothing about.
 */
export async function cacheRuntimeFromEnvironment(env: CacheEnvironment, cwd = process.cwd()): Promise<CacheRuntime> {
  // Prerendering at build time fills only memory: the build's database is not the one it will serve. In
  // development entries change with every code edit, so nothing is kept either.
  if (env.NEXT_PHASE === "phase-production-build" || env.NODE_ENV !== "production" || !env.DATABASE_URL) {
    return new CacheRuntime({ storage: new MemoryStorage(MEMORY_ONLY_BYTES) });
  }
  const frontBytes = megabytesFromEnvironment(env, "QUIRE_CACHE_MEMORY_MB", DEFAULT_MEMORY_FRONT_MB);
  const buildId = readBuildId(path.join(/* turbopackIgnore: true */ cwd, env.QUIRE_DIST_DIR ?? ".next"));
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  // An idle connection the server dropped (a restart, an outage): one line, the pool reconnects on its next query.
  pool.on("error", (error) => console.error(`Cache: a tag table connection failed (${error.message})`));
  const transports: InvalidationTransport[] = [pgTransport(env.DATABASE_URL)];
  const table = pgTagTable(pool);
  const oid = await databaseOid(pool);
  if (oid === null) {
    // Which database this is cannot be told: nothing kept is read, and nothing is kept, until the next start.
    console.error("Cache: the database is unreachable at start; pages are cached in memory only until the next start");
    return new CacheRuntime({ storage: new MemoryStorage(frontBytes), table, transports });
  }
  const database = `${createHash("sha256").update(databaseAddress(env.DATABASE_URL)).digest("hex").slice(0, 12)}-${oid}`;
  let back: EntryStorage;
  if (env.REDIS_URL) {
    const redis = new RedisStorage(env.REDIS_URL, `quire:cache:${buildId}:${database}:`, new MemoryStorage(frontBytes));
    void redis.connect();
    back = redis;
    transports.push(redisTransport(env.REDIS_URL));
  } else {
    const root = env.QUIRE_CACHE_DIR ?? path.join(/* turbopackIgnore: true */ cwd, ".data", "cache");
    const folder = `${buildId}-${database}`;
    const disk = new DiskStorage(path.join(/* turbopackIgnore: true */ root, folder));
    disk.sweepEvery(DISK_SWEEP_INTERVAL_MS);
    back = disk;
    void removeStaleFolders(root, folder, database.slice(0, 12));
  }
  return new CacheRuntime({ storage: new TieredStorage(new MemoryStorage(frontBytes), back), table, transports });
}

/** The database's OID in its cluster: a database made again under the same name gets another. */
async function databaseOid(pool: pg.Pool): Promise<string | null> {
  try {
    const { rows } = await pool.query<{ oid: string }>("SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()");
    return rows[0]?.oid ?? null;
  } catch {
    return null;
  }
}

/**
 * Entries of earlier builds, or of an earlier database at the same address, are never read again: removed
 * in the background. Other addresses' folders (another site sharing the data folder) are left alone.
 */
async function removeStaleFolders(root: string, current: string, address: string): Promise<void> {
  try {
    const folders = await readdir(root);
    await Promise.all(
      folders
        .filter((name) => name !== current && (name.includes(`-${address}-`) || name.endsWith(`-${address}`)))
        .map((name) => rm(path.join(/* turbopackIgnore: true */ root, name), { recursive: true, force: true })),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") console.error("Cache: could not remove an earlier build's entries", error);
  }
}

function readBuildId(distDir: string): string {
  try {
    return readFileSync(path.join(/* turbopackIgnore: true */ distDir, "BUILD_ID"), "utf8").trim().replace(/[^\w-]/g, "") || "dev";
  } catch {
    return "dev";
  }
}

/** Host, port and database name: the same database reached with other credentials shares its cache. */
function databaseAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port}${parsed.pathname}`;
  } catch {
    return url;
  }
}
