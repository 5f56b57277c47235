/**
 * Search where no cache helps: a query no one asked this server before on every request, drawn from the
 * published corpus, at 10 connections; and the plan of the matching-and-ranking query for a sample of
 * those words (EXPLAIN ANALYZE: whether the GIN index answers it, planning and execution time).
 *
 *   npx tsx bench/search.ts --origin http://127.0.0.1:3190 --database postgresql://…/quire_bench_10k
 *     [--seconds 10] [--connections 10] [--pairs] [--server-pid N] [--plans 20] [--through-next] [--reset]
 *
 * How queries are drawn: the corpus is every distinct published word of 3–40 letters (search_terms, the
 * typo-correction vocabulary), ordered by md5(word || seed); --pairs makes each word a pair with each of
 * the next 39 in that order. Every run takes the next queries of that order, without replacement, from
 * where the previous run against the same server stopped: the offset and seed are kept in a state file
 * (under the system's temp folder, per origin and database) together with the server's identity (boot
 * id, pid and start time of the process listening on the origin's port). A server started again gets a
 * new seed and starts at 0, as its result cache starts empty. A run stops early when the corpus has no
 * unasked query left, and says how many were available and how many it asked. The results Next's
 * "use cache" keeps for --through-next outlive the server (the cache storage is on disk), so that
 * mode's offset is kept across restarts; --reset starts both over (with an emptied cache folder).
 *
 * Searches are answered by the server's search path (lib/search/fast-path.ts, `x-quire-search: index`);
 * --through-next sends a draft-mode cookie, which that path leaves to Next (Next ignores one it did not
 * issue), to measure rendering the page per query on the same server and data.
 *
 * The server must already run against that database (bench/run.ts starts one; so does `npm start`).
 * Loads 127.0.0.1 only.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { assertLoopback } from "./load";
import { cpuMs } from "./proc";

export interface SearchPlan {
  query: string;
  matches: number;
  usesGinIndex: boolean;
  planningMs: number;
  executionMs: number;
}

export interface SearchLoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Distinct queries the corpus offers in this mode (single words, or pairs). */
  distinctQueries: number;
  /** Of those, asked of this server (or of its cache storage, through Next) before this run. */
  askedBefore: number;
  /** Queries this run took from the corpus: every request asked a different one (a few at the end may not have been sent). */
  asked: number;
  /** True when the run stopped because no unasked query was left. */
  exhausted: boolean;
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  serverCpuMsPerRequest: number | null;
  /** CPU of the database's backends (every connection to it, the server's pools included) per request. */
  postgresCpuMsPerRequest: number | null;
  /** Who answered a search before the load: "index" (the server's search path) or "next". */
  answeredBy: "index" | "next";
}

export interface SearchLoadOptions {
  /** For the PostgreSQL CPU per request: the database the server uses. */
  databaseUrl?: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** The draft-mode cookie: the server's search path passes such requests to Next. */
export const THROUGH_NEXT_HEADERS = { cookie: "__prerender_bypass=bench" };

/** CPU milliseconds of each backend process connected to `database` (bench/walk.ts reads them the same way). */
async function backendCpuMs(databaseUrl: string): Promise<Map<number, number>> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms !== null) cpu.set(pid, ms);
    }
    return cpu;
  } finally {
    await client.end();
  }
}

/** Every distinct published word of 3–40 letters (the typo-correction vocabulary), in the order `seed` fixes. */
export async function corpusWords(databaseUrl: string, seed: string): Promise<string[]> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ word: string }>("SELECT word FROM search_terms WHERE word ~ '^[a-z]+$' ORDER BY md5(word || $1), word", [seed]);
    return rows.map((row) => row.word);
  } finally {
    await client.end();
  }
}

/** Queries in a fixed order: single words, or each word paired with each of the next 39, so no pair repeats. */
function queriesFrom(words: string[], pairs: boolean): string[] {
  if (!pairs) return words;
  return words.flatMap((word, index) => words.slice(index + 1, index + 40).map((other) => `${word} ${other}`));
}

/**
 * The process listening on a TCP port of this machine, and its identity: boot id, pid and start time
 * (a pid alone may be reused by a later server). Null when no process of this user listens there.
 */
export function listeningServer(port: number): { pid: number; identity: string } | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDRESS:PORT in hex; state 0A is LISTEN; the socket's inode is field 10.
      if (fields.length > 9 && fields[3] === "0A" && parseInt(fields[1]!.split(":")[1]!, 16) === port) inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(entry), identity: processIdentity(Number(entry)) };
    }
  }
  return null;
}

function processIdentity(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Field 22, the start time in clock ticks since boot, counted from the command's closing ")".
  const started = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  return `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}:${pid}:${started}`;
}

interface DrawState {
  server: string;
  /** The fast path's results live in the server's memory: seed and offsets start over with each server. */
  index: { seed: string; asked: Record<string, number> };
  /** Next's "use cache" results live in the cache storage, which outlives a server. */
  next: { seed: string; asked: Record<string, number> };
}

export interface QueryDraw {
  /** Distinct queries the corpus offers in this mode. */
  distinct: number;
  /** Asked before this run. */
  askedBefore: number;
  /** The unasked queries, in the order they are to be asked. */
  queries: string[];
  /** Records that the first `count` of `queries` were asked. */
  commit(count: number): void;
}

export interface DrawOptions {
  origin: string;
  databaseUrl: string;
  pairs?: boolean;
  throughNext?: boolean;
  /** Forget what earlier runs asked (after emptying the cache storage). */
  reset?: boolean;
  /** The server's pid, when the process listening on the port cannot be found (another user's). */
  serverPid?: number | null;
}

const newSeed = () => randomBytes(6).toString("hex");

/** The queries a run may ask: the corpus in its seeded order, past those asked of this server before. */
export async function drawQueries({ origin, databaseUrl, pairs = false, throughNext = false, reset = false, serverPid = null }: DrawOptions): Promise<QueryDraw> {
  const url = new URL(origin);
  const listening = listeningServer(Number(url.port || 80));
  const server = listening?.identity ?? (serverPid ? processIdentity(serverPid) : null);
  if (!server) throw new Error(`No process of this user listens on ${origin}; pass --server-pid.`);
  const database = new URL(databaseUrl).pathname.slice(1);
  const folder = path.join(tmpdir(), "quire-bench-search");
  const file = path.join(folder, `${createHash("sha1").update(`${url.host} ${database}`).digest("hex").slice(0, 16)}.json`);
  let state: DrawState | null = null;
  try {
    state = JSON.parse(readFileSync(file, "utf8")) as DrawState;
  } catch {
    state = null;
  }
  if (!state || reset) state = { server, index: { seed: newSeed(), asked: {} }, next: { seed: newSeed(), asked: {} } };
  if (state.server !== server) state = { ...state, server, index: { seed: newSeed(), asked: {} } };
  const part = throughNext ? state.next : state.index;
  const mode = pairs ? "pairs" : "words";
  const all = queriesFrom(await corpusWords(databaseUrl, part.seed), pairs);
  const askedBefore = Math.min(all.length, part.asked[mode] ?? 0);
  const save = (current: DrawState) => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(current));
    renameSync(`${file}.tmp`, file);
  };
  save(state);
  const saved = state;
  return {
    distinct: all.length,
    askedBefore,
    queries: all.slice(askedBefore),
    commit(count) {
      part.asked[mode] = askedBefore + count;
      save(saved);
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * EXPLAIN ANALYZE of the ranking of every match (the body of search_ranked_matches(), which
 * search_published_posts() uses for words in fewer than 1,000 posts: the search_dense_words migration)
 * for each query, with the setting the function runs under. The first word's prefix form is what the site searches for.
 */
export async function explainSearches(databaseUrl: string, queries: string[]): Promise<SearchPlan[]> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const plans: SearchPlan[] = [];
    for (const query of queries) {
      const tsquery = query
        .split(" ")
        .map((word, index, all) => (index === all.length - 1 ? `'${word}':*` : `'${word}'`))
        .join(" & ");
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Planning Time": number; "Execution Time": number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON)
         SELECT m.id, m.rank, m.published_at, (count(*) OVER ())::integer AS total
         FROM (SELECT p.id, ts_rank_cd(p.search_head, to_tsquery('english', $1)) AS rank, p.published_at
               FROM posts p WHERE p.search_vector @@ to_tsquery('english', $1) OFFSET 0) m
         ORDER BY m.rank DESC, m.published_at DESC NULLS LAST, m.id
         LIMIT 10`,
        [tsquery],
      );
      await client.query("COMMIT");
      const explained = rows[0]!["QUERY PLAN"][0];
      plans.push({
        query,
        matches: scanRows(explained.Plan),
        usesGinIndex: usesIndex(explained.Plan, "posts_search_vector_idx"),
        planningMs: round(explained["Planning Time"]),
        executionMs: round(explained["Execution Time"]),
      });
    }
    return plans;
  } finally {
    await client.end();
  }
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

function usesIndex(node: PlanNode, name: string): boolean {
  return node["Index Name"] === name || (node.Plans ?? []).some((child) => usesIndex(child, name));
}

/** Rows the scan of posts returned: every match, as all of them are ranked and counted. */
function scanRows(node: PlanNode): number {
  if (node["Node Type"].endsWith("Heap Scan") || node["Node Type"] === "Seq Scan") return node["Actual Rows"] ?? 0;
  return Math.max(0, ...(node.Plans ?? []).map(scanRows));
}

/**
 * Loads /search with the next unasked query of `draw` on every request, for `seconds` or until the draw
 * runs out, and records what was asked.
 */
export async function loadSearch(
  origin: string,
  draw: QueryDraw,
  connections: number,
  seconds: number,
  serverPid: number | null,
  { databaseUrl, headers = {} }: SearchLoadOptions = {},
): Promise<SearchLoadResult> {
  assertLoopback(origin);
  const { queries } = draw;
  // autocannon builds each request (setupRequest) as it sends it, so the cap keeps every one in the draw.
  const maxRequests = queries.length;
  if (maxRequests < connections) throw new Error(`Only ${queries.length} unasked queries are left of ${draw.distinct}: start the server again (or pass --pairs).`);
  // A word of no post: answered like any search, and never one of the measured queries.
  const probe = await fetch(`${origin}/search?q=benchprobe${Date.now()}`, { headers });
  await probe.arrayBuffer();
  const answeredBy = probe.headers.get("x-quire-search") === "index" ? "index" : "next";
  let next = 0;
  const latencies: number[] = [];
  const cpuBefore = serverPid ? cpuMs(serverPid) : null;
  const postgresBefore = databaseUrl ? await backendCpuMs(databaseUrl) : null;
  let result: autocannon.Result;
  try {
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: seconds,
        maxOverallRequests: maxRequests,
        headers,
        requests: [{ setupRequest: (request) => ({ ...request, path: `/search?q=${encodeURIComponent(queries[next++]!)}` }) }],
      },
      () => undefined,
    );
    instance.on("response", (_client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      instance.on("done", resolve);
      instance.on("error", reject);
    });
  } finally {
    // Every built request counts as asked, answered or not: none is drawn again for this server.
    draw.commit(Math.min(next, queries.length));
  }
  if (next > queries.length) throw new Error(`The load built ${next} requests of ${queries.length} queries: some repeated one.`);
  const cpuAfter = serverPid ? cpuMs(serverPid) : null;
  let postgresMs: number | null = null;
  if (databaseUrl && postgresBefore) {
    postgresMs = 0;
    // Backends that ended during the load are missed; the server's pools keep theirs open.
    for (const [pid, after] of await backendCpuMs(databaseUrl)) postgresMs += after - (postgresBefore.get(pid) ?? 0);
  }
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    requests: result.requests.total,
    // Over the elapsed time: autocannon's average is of whole-second samples, and a run that ends early
    // (the corpus ran out) would read as the total over whole seconds.
    requestsPerSecond: round(result.duration > 0 ? result.requests.total / result.duration : result.requests.average),
    distinctQueries: draw.distinct,
    askedBefore: draw.askedBefore,
    asked: next,
    exhausted: result.requests.total >= maxRequests,
    latency: { p50: round(percentile(latencies, 0.5)), p99: round(percentile(latencies, 0.99)), max: round(latencies.at(-1) ?? Number.NaN) },
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? round((cpuAfter - cpuBefore) / result.requests.total) : null,
    postgresCpuMsPerRequest: postgresMs !== null && result.requests.total > 0 ? round(postgresMs / result.requests.total) : null,
    answeredBy,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      origin: { type: "string" },
      database: { type: "string" },
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      plans: { type: "string", default: "20" },
      pairs: { type: "boolean", default: false },
      "through-next": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      "server-pid": { type: "string" },
    },
  });
  if (!values.origin || !values.database) throw new Error("Usage: bench/search.ts --origin http://127.0.0.1:PORT --database postgresql://…");
  assertLoopback(values.origin);
  const givenPid = values["server-pid"] ? Number(values["server-pid"]) : null;
  const serverPid = givenPid ?? listeningServer(Number(new URL(values.origin).port || 80))?.pid ?? null;
  const draw = await drawQueries({ origin: values.origin, databaseUrl: values.database, pairs: values.pairs, throughNext: values["through-next"], reset: values.reset, serverPid });
  // Plans for the last queries of the draw, which the load reaches last if at all; EXPLAIN goes to the
  // database directly, so it caches nothing in the server.
  const planCount = Number(values.plans);
  const plans = planCount > 0 ? await explainSearches(values.database, draw.queries.slice(-planCount)) : [];
  const executions = plans.map((plan) => plan.executionMs).sort((a, b) => a - b);
  if (plans.length > 0) console.log(`Plans for ${plans.length} ${values.pairs ? "two-word queries" : "words"} from the corpus:`);
  for (const plan of plans) console.log(`  ${plan.query.padEnd(28)} ${String(plan.matches).padStart(6)} matches  GIN ${plan.usesGinIndex ? "yes" : "NO "}  plan ${plan.planningMs} ms  run ${plan.executionMs} ms`);
  if (plans.length > 0) console.log(`  median run ${percentile(executions, 0.5)} ms, max ${executions.at(-1)} ms; GIN index in ${plans.filter((plan) => plan.usesGinIndex).length}/${plans.length}`);
  const result = await loadSearch(values.origin, draw, Number(values.connections), Number(values.seconds), serverPid, {
    databaseUrl: values.database,
    headers: values["through-next"] ? THROUGH_NEXT_HEADERS : {},
  });
  console.log(`Load ${values.origin}/search, a query not asked of this server before on every request:`);
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `The corpus offers ${result.distinctQueries} distinct ${values.pairs ? "pairs" : "words"}; ${result.askedBefore} were asked before this run, this run asked ${result.asked} ` +
      `(${result.requests} answered), ${result.distinctQueries - result.askedBefore - result.asked} are left for this server.` +
      (result.exhausted ? " The run stopped early: the corpus ran out. Start the server again for more." : ""),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
