/**
 * What no cache helps with, measured on a freshly started server with an empty page cache (bench/run.ts
 * starts it): a crawler's walk through posts nobody asked for, the same walk again, search with a query
 * nobody typed before, the memory of what `npm start` leaves running, a first visit's weight, and
 * Lighthouse's mobile scores.
 */
import path from "node:path";
import pg from "pg";
import { auditPages, formatMainThread, type LighthouseResult } from "./lighthouse";
import { measureNpmStart, processTree, sampleMemory, serverProcess, treeBytes, type NpmWaiting, type ProcessMemory } from "./proc";
import { drawQueries, loadSearch, type SearchLoadResult } from "./search";
import { walk, type WalkResult } from "./walk";
import { measure as measureWeight, summarize, type PageWeight } from "./weight";

export interface ColdPathOptions {
  origin: string;
  /** The process the bench started: the server and anything it started are counted. */
  rootPid: number;
  databaseUrl: string;
  /** A post page for the weight and Lighthouse measurements. */
  postPath: string;
  walkPosts?: number;
  walkConnections?: number;
  searchConnections?: number;
  searchSeconds?: number;
}

/**
 * Memory of what `npm start` leaves running, in two parts: the server's process tree (RSS; the bench
 * starts it as npm start's script does, with the same Node options: scripts/node-flags.mjs) and the npm
 * process that waits for the script, which the bench does not start and so measures beside the server.
 */
export interface MemoryFigures {
  /** The server's tree once started: IDLE_SETTLE_MS after it first answered, before any load. */
  idleBytes: number;
  /** The server's tree at its highest sample (every 200 ms) from its first answer through the walks and the search load. */
  peakBytes: number;
  /** The server's tree 10 s after the load ended: what it keeps. */
  idleAfterLoadBytes: number;
  /** The processes of the server's tree at the end. */
  processes: ProcessMemory[];
  /**
   * What the npm process `npm start` keeps waiting beside the server adds to it: its pages the server
   * does not share (both map the same node binary), or its whole RSS where page frames cannot be read.
   */
  npmBytes: number | null;
  /** That npm process's own RSS, shared pages included. */
  npmRssBytes: number | null;
}

/**
 * How long after its first answer the server counts as idle: it then fetches the search page's template
 * from itself and starts the job queue (instrumentation.ts), which load code a reader's request would.
 */
const IDLE_SETTLE_MS = 10_000;

export interface ColdPathResult {
  walkCold: WalkResult;
  walkWarm: WalkResult;
  search: SearchLoadResult;
  memory: MemoryFigures;
  weight: PageWeight;
  lighthouse: LighthouseResult[];
}

/** lib/related-posts.ts RELATED_LOCK: lists are stored under it, so this never races the server's backfill job or renders. */
const RELATED_LOCK = 4236710013;

/**
 * Stores every published post's related posts (the post_related migration), as the backfill job
 * (backfill-related-posts, lib/jobs) and the renders of a running site leave them; a freshly
 * seeded database has none, and each page would rank and store its list on its first render. Ranked over
 * two connections split by id into temporary tables, then stored under the lock the server's own writers
 * of lists take (its backfill job starts with the server and may be storing some meanwhile); returns how
 * many lists this stored.
 */
async function storeRelatedPosts(databaseUrl: string): Promise<number> {
  const parts = 2;
  const counts = await Promise.all(
    Array.from({ length: parts }, async (_, part) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(
          `CREATE TEMPORARY TABLE ranked AS
           SELECT p.id AS post_id, ARRAY(SELECT r.id FROM related_post_ranking(p.id, 3) r ORDER BY r.rank) AS related_ids
           FROM posts p
           WHERE p.status = 'PUBLISHED' AND abs(hashtext(p.id)) % $1 = $2
             AND NOT EXISTS (SELECT 1 FROM post_related s WHERE s.post_id = p.id)`,
          [parts, part],
        );
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [RELATED_LOCK]);
        const result = await client.query("INSERT INTO post_related (post_id, related_ids) SELECT post_id, related_ids FROM ranked ON CONFLICT (post_id) DO NOTHING");
        await client.query("COMMIT");
        return result.rowCount ?? 0;
      } finally {
        await client.end();
      }
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

export async function measureColdPath(options: ColdPathOptions): Promise<ColdPathResult> {
  const { origin, rootPid, databaseUrl } = options;
  const serverPid = serverProcess(rootPid)?.pid;
  if (!serverPid) throw new Error(`No server process under ${rootPid}.`);
  const memory = sampleMemory(rootPid);
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const idleBytes = treeBytes(rootPid);

  const storing = performance.now();
  const stored = await storeRelatedPosts(databaseUrl);
  console.log(`  related posts stored for ${stored} posts in ${((performance.now() - storing) / 1000).toFixed(0)} s (as a running site has them)`);

  const walkOptions = { origin, serverPid, databaseUrl, posts: options.walkPosts ?? 1000, connections: options.walkConnections ?? 4, seed: `cold-${Date.now()}` };
  const walkCold = await walk(walkOptions);
  console.log(`  crawler walk, cold: ${formatWalk(walkCold)}`);
  const walkWarm = await walk(walkOptions);
  console.log(`  crawler walk, again: ${formatWalk(walkWarm)}`);

  const draw = await drawQueries({ origin, databaseUrl, serverPid });
  const search = await loadSearch(origin, draw, options.searchConnections ?? 10, options.searchSeconds ?? 15, serverPid, { databaseUrl });
  console.log(
    `  search, a new word per request, ${search.connections} connections: ${search.requestsPerSecond} req/s, p50 ${search.latency.p50} ms, p99 ${search.latency.p99} ms, ` +
      `${search.serverCpuMsPerRequest ?? "?"} ms server + ${search.postgresCpuMsPerRequest ?? "?"} ms PostgreSQL CPU per request, answered by ${search.answeredBy} (${search.requests} requests, ${search.asked} words asked of ${search.distinctQueries} distinct${search.exhausted ? ", stopped early: the corpus ran out" : ""}; non-2xx ${search.non2xx}, errors ${search.errors})`,
  );
  const peak = memory.stop();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const figures: MemoryFigures = {
    idleBytes,
    peakBytes: peak.treePeakBytes,
    idleAfterLoadBytes: treeBytes(rootPid),
    processes: processTree(rootPid),
    ...(await npmFigures(rootPid)),
  };
  const total = (bytes: number) => (figures.npmBytes === null ? "? (npm not measured)" : mb(bytes + figures.npmBytes));
  console.log(
    `  memory, server tree (${figures.processes.map((process) => `${process.command.split(" ")[0]} ${mb(process.rssBytes)}`).join(", ")} at the end): ` +
      `${mb(figures.idleBytes)} idle, ${mb(figures.peakBytes)} peak under the walks and search, ${mb(figures.idleAfterLoadBytes)} 10 s after`,
  );
  console.log(
    `  memory, npm's own process waiting for the script (measured beside the server): ${figures.npmRssBytes === null ? "?" : mb(figures.npmRssBytes)} RSS, ` +
      `${figures.npmBytes === null ? "?" : mb(figures.npmBytes)} not shared with the server; ` +
      `what npm start leaves running: ${total(figures.idleBytes)} idle, ${total(figures.peakBytes)} peak`,
  );

  const { requests } = await measureWeight(origin + options.postPath);
  const weight = summarize(origin + options.postPath, requests);
  console.log(`  first visit of ${options.postPath} on a phone: ${weight.requests} requests, ${weight.kilobytes} KB (${Object.entries(weight.byKind).map(([kind, total]) => `${kind} ${total.count}/${total.kilobytes} KB`).join(", ")})`);

  const lighthouse = await auditPages([`${origin}/`, origin + options.postPath]);
  for (const result of lighthouse) {
    const { scores, metrics } = result;
    console.log(
      `  Lighthouse mobile ${new URL(result.url).pathname}: performance ${scores.performance}, accessibility ${scores.accessibility}, best practices ${scores.bestPractices}, SEO ${scores.seo}` +
        ` (LCP ${Math.round(metrics.lcpMs ?? Number.NaN)} ms, TBT ${Math.round(metrics.tbtMs ?? Number.NaN)} ms, CLS ${metrics.cls})${result.failedAudits.length > 0 ? `; below 90: ${result.failedAudits.join(", ")}` : ""}` +
        `\n    ${formatMainThread(result)}`,
    );
  }
  return { walkCold, walkWarm, search, memory: figures, weight, lighthouse };
}

/** npm start's npm process beside the server (bench/proc.ts). */
async function npmFigures(rootPid: number): Promise<Pick<MemoryFigures, "npmBytes" | "npmRssBytes">> {
  const npm: NpmWaiting | null = await measureNpmStart(path.resolve(import.meta.dirname, ".."), rootPid);
  return { npmBytes: npm ? (npm.addedBytes ?? npm.rssBytes) : null, npmRssBytes: npm?.rssBytes ?? null };
}

function formatWalk(result: WalkResult): string {
  return (
    `${result.pages} posts, ${result.pagesPerSecond} pages/s, ${result.serverCpuMsPerPage} ms server + ${result.postgresCpuMsPerPage} ms PostgreSQL CPU per page ` +
    `(statuses ${JSON.stringify(result.statuses)}, x-nextjs-cache ${JSON.stringify(result.cache)})`
  );
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
