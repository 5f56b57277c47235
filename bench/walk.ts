/**
 * A crawler's walk: distinct published posts fetched once each, as a search engine reaching the long
 * tail does, against a server someone else started. Reports pages per second and the CPU each page
 * cost the server (from /proc/<pid>/stat) and PostgreSQL (the backends connected to the site's
 * database, from /proc as well: pg_stat_statements needs a server restart to load).
 *
 *   tsx bench/walk.ts --origin http://127.0.0.1:3260 --pid <server pid> --database <url> [--posts 300] [--connections 4] [--seed 1]
 *
 * Posts are drawn in an order fixed by --seed (md5 of the id and the seed), so a second walk with the
 * same seed asks for the same pages (warm) and another seed for pages not asked for yet (cold).
 * The first 50 posts by date are skipped: the build prerenders those.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";

export interface WalkOptions {
  origin: string;
  /** The serving process, whose CPU is counted. */
  serverPid: number;
  databaseUrl: string;
  posts: number;
  connections: number;
  /** Fixes the order posts are drawn in: the same seed walks the same pages. */
  seed: string;
}

export interface WalkResult {
  pages: number;
  statuses: Record<string, number>;
  cache: Record<string, number>;
  pagesPerSecond: number;
  serverCpuMsPerPage: number;
  postgresCpuMsPerPage: number;
  totalCpuMsPerPage: number;
  kilobytesPerPage: number;
}

const TICKS_PER_SECOND = 100;
/** User plus system CPU of a process in milliseconds, or null when it is gone. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU so far of each backend serving `database`, except this script's own connection. */
async function backendCpu(client: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** Fetches `posts` distinct published post pages once each over `connections` connections. */
export async function walk({ origin: rawOrigin, serverPid, databaseUrl, posts: postCount, connections, seed }: WalkOptions): Promise<WalkResult> {
  const origin = rawOrigin.replace(/\/+$/, "");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
  const { rows } = await client.query<{ slug: string }>(
    `SELECT slug FROM (
       SELECT slug, id FROM posts WHERE status = 'PUBLISHED' ORDER BY published_at DESC, id DESC OFFSET 50
     ) later ORDER BY md5(id || $1) LIMIT $2`,
    [seed, postCount],
  );
  const slugs = rows.map((row) => row.slug);

  const serverBefore = processCpuMs(serverPid);
  if (serverBefore === null) throw new Error(`No process ${serverPid}.`);
  const pgBefore = await backendCpu(client, database);
  const statuses = new Map<number, number>();
  const cacheAnswers = new Map<string, number>();
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < slugs.length) {
        const slug = slugs[next++]!;
        const response = await fetch(`${origin}/blog/${slug}`, { headers: { "accept-encoding": "gzip" } });
        bytes += (await response.arrayBuffer()).byteLength;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const cache = response.headers.get("x-nextjs-cache") ?? "none";
        cacheAnswers.set(cache, (cacheAnswers.get(cache) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverAfter = processCpuMs(serverPid) ?? serverBefore;
  const pgAfter = await backendCpu(client, database);
  await client.end();

  let pgMs = 0;
  for (const [pid, after] of pgAfter) pgMs += after - (pgBefore.get(pid) ?? 0);
  const pages = slugs.length;
  return {
    pages,
    statuses: Object.fromEntries(statuses),
    cache: Object.fromEntries(cacheAnswers),
    pagesPerSecond: Number((pages / seconds).toFixed(1)),
    serverCpuMsPerPage: Number(((serverAfter - serverBefore) / pages).toFixed(1)),
    postgresCpuMsPerPage: Number((pgMs / pages).toFixed(1)),
    totalCpuMsPerPage: Number(((serverAfter - serverBefore + pgMs) / pages).toFixed(1)),
    kilobytesPerPage: Number((bytes / pages / 1024).toFixed(1)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: options } = parseArgs({
    options: {
      origin: { type: "string" },
      pid: { type: "string" },
      database: { type: "string" },
      posts: { type: "string", default: "300" },
      connections: { type: "string", default: "4" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!options.origin || !options.pid || !options.database) throw new Error("--origin, --pid and --database are required.");
  const result = await walk({ origin: options.origin, serverPid: Number(options.pid), databaseUrl: options.database, posts: Number(options.posts), connections: Number(options.connections), seed: options.seed });
  console.log(JSON.stringify(result));
}
