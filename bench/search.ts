/**
 * Search where no cache helps: a different query on every request, drawn from the published corpus, at
 * 10 connections; and the plan of the matching-and-ranking query for a sample of those words (EXPLAIN
 * ANALYZE: whether the GIN index answers it, planning and execution time).
 *
 *   npx tsx bench/search.ts --origin http://127.0.0.1:3190 --database postgresql://…/quire_bench_10k
 *     [--seconds 10] [--connections 10] [--pairs] [--server-pid N] [--plans 20] [--through-next]
 *
 * Searches are answered by the server's search path (lib/search/fast-path.ts, `x-quire-search: index`);
 * --through-next sends a draft-mode cookie, which that path leaves to Next (Next ignores one it did not
 * issue), to measure rendering the page per query on the same server and data.
 *
 * The server must already run against that database (bench/run.ts starts one; so does `npm start`).
 * Words never repeat within a run, but a server that answered them in an earlier run answers from its
 * cache: load a freshly started server, or pass --pairs for two-word queries, which almost never repeat
 * across runs. Loads 127.0.0.1 only.
 */
import { randomInt } from "node:crypto";
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
  /** Distinct queries available; requests past this many repeat one (and may be answered from the cache). */
  distinctQueries: number;
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

/** Published words of 3–40 letters (the typo-correction vocabulary), in a random order for this run. */
export async function corpusWords(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ word: string }>("SELECT word FROM search_terms WHERE word ~ '^[a-z]+$' ORDER BY word");
    const words = rows.map((row) => row.word);
    for (let i = words.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [words[i], words[j]] = [words[j]!, words[i]!];
    }
    return words;
  } finally {
    await client.end();
  }
}

/** Queries for the run: single words, or each word paired with a later one so no pair repeats. */
function queriesFrom(words: string[], pairs: boolean): string[] {
  if (!pairs) return words;
  return words.flatMap((word, index) => words.slice(index + 1, index + 40).map((other) => `${word} ${other}`));
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

/** Loads /search with the next unused query on every request. */
export async function loadSearch(
  origin: string,
  queries: string[],
  connections: number,
  seconds: number,
  serverPid: number | null,
  { databaseUrl, headers = {} }: SearchLoadOptions = {},
): Promise<SearchLoadResult> {
  assertLoopback(origin);
  // A word of no post: answered like any search, and never one of the measured queries.
  const probe = await fetch(`${origin}/search?q=benchprobe${Date.now()}`, { headers });
  await probe.arrayBuffer();
  const answeredBy = probe.headers.get("x-quire-search") === "index" ? "index" : "next";
  let next = 0;
  const latencies: number[] = [];
  const cpuBefore = serverPid ? cpuMs(serverPid) : null;
  const postgresBefore = databaseUrl ? await backendCpuMs(databaseUrl) : null;
  const instance = autocannon(
    {
      url: origin,
      connections,
      duration: seconds,
      headers,
      requests: [{ setupRequest: (request) => ({ ...request, path: `/search?q=${encodeURIComponent(queries[next++ % queries.length]!)}` }) }],
    },
    () => undefined,
  );
  instance.on("response", (_client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on("done", resolve);
    instance.on("error", reject);
  });
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
    requestsPerSecond: round(result.requests.average),
    distinctQueries: queries.length,
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
      "server-pid": { type: "string" },
    },
  });
  if (!values.origin || !values.database) throw new Error("Usage: bench/search.ts --origin http://127.0.0.1:PORT --database postgresql://…");
  const words = await corpusWords(values.database);
  const queries = queriesFrom(words, values.pairs);
  // Plans for words the load will not reach first, so their results are not cached by the server yet.
  const plans = await explainSearches(values.database, queries.slice(-Number(values.plans)));
  const executions = plans.map((plan) => plan.executionMs).sort((a, b) => a - b);
  console.log(`Plans for ${plans.length} ${values.pairs ? "two-word queries" : "words"} from the corpus:`);
  for (const plan of plans) console.log(`  ${plan.query.padEnd(28)} ${String(plan.matches).padStart(6)} matches  GIN ${plan.usesGinIndex ? "yes" : "NO "}  plan ${plan.planningMs} ms  run ${plan.executionMs} ms`);
  console.log(`  median run ${percentile(executions, 0.5)} ms, max ${executions.at(-1)} ms; GIN index in ${plans.filter((plan) => plan.usesGinIndex).length}/${plans.length}`);
  const result = await loadSearch(values.origin, queries, Number(values.connections), Number(values.seconds), values["server-pid"] ? Number(values["server-pid"]) : null, {
    databaseUrl: values.database,
    headers: values["through-next"] ? THROUGH_NEXT_HEADERS : {},
  });
  console.log(`Load ${values.origin}/search, a different query per request:`);
  console.log(JSON.stringify(result, null, 2));
  if (result.requests > result.distinctQueries) console.log(`Note: ${result.requests - result.distinctQueries} requests repeated a query (only ${result.distinctQueries} distinct).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
