/**
 * The tag store and the invalidation bus against the real PostgreSQL (DATABASE_URL) and Redis
 * (127.0.0.1:6379): two runtimes stand for two instances. Every name (tag, channel, key prefix) carries
 * this run's id, so runs and other suites never see each other's events.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { pgTransport, redisTransport, type InvalidationTransport } from "@/lib/cache/bus";
import { CacheRuntime, cacheRuntimeFromEnvironment } from "@/lib/cache/runtime";
import { MemoryStorage } from "@/lib/cache/storage/memory";
import { RedisStorage } from "@/lib/cache/storage/redis";
import { pgTagTable } from "@/lib/cache/tag-store";
import { applyMigrations } from "@/scripts/db/migrate";

const databaseUrl = process.env.DATABASE_URL!;
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const run = randomBytes(4).toString("hex");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const started: CacheRuntime[] = [];
let counter = 0;

function unique(label: string): string {
  counter += 1;
  return `test-${label}-${run}-${counter}`;
}

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", name);
  return parsed.toString();
}

async function instance(transports: InvalidationTransport[], withTable = true, channel?: string): Promise<CacheRuntime> {
  // The channel the table write notifies on; the PostgreSQL transport listens on the same.
  const runtime = new CacheRuntime({ storage: new MemoryStorage(1024 * 1024), table: withTable ? pgTagTable(pool) : undefined, transports, channel });
  await runtime.start();
  started.push(runtime);
  return runtime;
}

/** Resolves with the tags of the next invalidation `runtime` hears from another instance. */
function nextRemote(runtime: CacheRuntime): Promise<readonly string[]> {
  return new Promise((resolve) => {
    const stop = runtime.onInvalidate((tags, source) => {
      if (source !== "remote") return;
      stop();
      resolve(tags);
    });
  });
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((runtime) => runtime.close()));
});

afterAll(async () => {
  await pool.query(`DELETE FROM cache_tag_expirations WHERE tag LIKE $1`, [`test-%-${run}-%`]);
  await pool.end();
});

describe("cache runtime over PostgreSQL", () => {
  it("records an invalidation durably and delivers it to the other instance through LISTEN/NOTIFY", async () => {
    const channel = unique("channel").replaceAll("-", "_");
    const a = await instance([pgTransport(databaseUrl, channel)], true, channel);
    const b = await instance([pgTransport(databaseUrl, channel)], true, channel);
    const tag = unique("post");
    const heard = nextRemote(b);
    const beforeWrite = Date.now() - 1;
    await a.invalidate([tag]);
    expect(await heard).toEqual([tag]);
    expect(a.tags.isStale([tag], beforeWrite)).toBe(true);
    expect(b.tags.isStale([tag], beforeWrite)).toBe(true);
    expect(b.tags.isStale([unique("other")], beforeWrite)).toBe(false);
    const { rows } = await pool.query(`SELECT tag FROM cache_tag_expirations WHERE tag = $1`, [tag]);
    expect(rows).toHaveLength(1);
    // A third instance starting now learns it from the table.
    const c = await instance([]);
    expect(c.tags.isStale([tag], beforeWrite)).toBe(true);
  });

  it("catches up from the table after its LISTEN connection was cut", async () => {
    const channel = unique("channel").replaceAll("-", "_");
    const applicationName = unique("listener");
    const b = await instance([pgTransport(withApplicationName(databaseUrl, applicationName), channel)]);
    // Written while b is not listening: no NOTIFY reaches it.
    const tag = unique("missed");
    await pgTagTable(pool).save([tag], Date.now());
    expect(b.tags.expirations.get(tag)).toBeUndefined();
    const heard = nextRemote(b);
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
    expect(await heard).toContain(tag);
    expect(b.tags.expirations.get(tag)).toBeGreaterThan(0);
  });

  it("treats every kept entry as expired when the table cannot be read at start", async () => {
    const broken = new CacheRuntime({
      storage: new MemoryStorage(1024),
      table: { load: () => Promise.reject(new Error("database down")), save: () => Promise.reject(new Error("database down")) },
    });
    const before = Date.now() - 1;
    await broken.start();
    expect(broken.tags.isStale(["anything"], before)).toBe(true);
    // Invalidating still works here, though it reaches no one else.
    await broken.invalidate(["post:x"]);
    expect(broken.tags.latest(["post:x"])).toBeGreaterThan(0);
  });
});

describe("cache runtime over Redis", () => {
  it("delivers an invalidation to the other instance through pub/sub", async () => {
    const channel = unique("channel");
    const a = await instance([redisTransport(redisUrl, channel)], false);
    const b = await instance([redisTransport(redisUrl, channel)], false);
    const tag = unique("post");
    const heard = nextRemote(b);
    await a.invalidate([tag]);
    expect(await heard).toEqual([tag]);
  });

  it("applies an event heard on both PostgreSQL and Redis once", async () => {
    const channel = unique("channel").replaceAll("-", "_");
    const a = await instance([pgTransport(databaseUrl, channel), redisTransport(redisUrl, channel)], true, channel);
    const b = await instance([pgTransport(databaseUrl, channel), redisTransport(redisUrl, channel)], true, channel);
    const heard: Array<readonly string[]> = [];
    b.onInvalidate((tags, source) => source === "remote" && heard.push(tags));
    const first = nextRemote(b);
    await a.invalidate([unique("post")]);
    await first;
    // A second invalidation after the first: if the first came twice, the second would be third.
    const second = nextRemote(b);
    const tag = unique("post");
    await a.invalidate([tag]);
    await second;
    const [, last] = heard;
    expect(last).toEqual([tag]);
  });

  it("keeps storing and invalidating when Redis is unreachable", async () => {
    const storage = new RedisStorage("redis://127.0.0.1:1", `${unique("prefix")}:`, new MemoryStorage(1024 * 1024));
    await storage.connect();
    expect(storage.usingFallback).toBe(true);
    await storage.set("page:/", Buffer.from("home"), 3600);
    expect((await storage.get("page:/"))?.toString()).toBe("home");
    const a = await instance([redisTransport("redis://127.0.0.1:1", unique("channel"))], false);
    await a.invalidate([unique("post")]);
    await storage.close();
  });

  it("stores entries in Redis under its prefix, shared by instances", async () => {
    const prefix = `${unique("prefix")}:`;
    const one = new RedisStorage(redisUrl, prefix, new MemoryStorage(1024));
    const two = new RedisStorage(redisUrl, prefix, new MemoryStorage(1024));
    await Promise.all([one.connect(), two.connect()]);
    expect(one.usingFallback).toBe(false);
    await one.set("page:/blog/a", Buffer.from("page a"), 60);
    expect((await two.get("page:/blog/a"))?.toString()).toBe("page a");
    await two.delete("page:/blog/a");
    expect(await one.get("page:/blog/a")).toBeUndefined();
    await Promise.all([one.close(), two.close()]);
  });
});

describe("cacheRuntimeFromEnvironment", () => {
  it("keeps pages on disk per database: one dropped and made again under the same name finds none of them", async () => {
    const name = `quire_cache_oid_${run}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const cacheDir = await mkdtemp(path.join(tmpdir(), "quire-cache-"));
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const env = { NODE_ENV: "production", DATABASE_URL: url.toString(), QUIRE_CACHE_DIR: cacheDir };
    const makeDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      await applyMigrations(url.toString());
    };
    try {
      await makeDatabase();
      const first = await cacheRuntimeFromEnvironment(env);
      await first.start();
      await first.storage.set("page:/", Buffer.from("the old site's home"), 3600);
      expect((await first.storage.get("page:/"))?.toString()).toBe("the old site's home");
      await first.close();

      // A restart against the same database keeps the page.
      const again = await cacheRuntimeFromEnvironment(env);
      await again.start();
      expect((await again.storage.get("page:/"))?.toString()).toBe("the old site's home");
      await again.close();

      // The same address, another database: a reset, or a restore from a backup.
      await makeDatabase();
      const fresh = await cacheRuntimeFromEnvironment(env);
      await fresh.start();
      expect(await fresh.storage.get("page:/")).toBeUndefined();
      await fresh.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
