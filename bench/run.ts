/**
 * `npm run bench`: the reader site under load, with 10,000 posts and with the demo content, then the edge
 * profile (bench/edge.ts: a cached page through Varnish against nginx, publish to visible on two
 * instances), and in between the cold path (bench/cold-path.ts: a crawler's walk through posts nobody
 * asked for, then again; search with words nobody typed; memory; a post's first-visit weight; Lighthouse
 * mobile scores of home and a post). Home, post, tag, feed and sitemap are each compared with a plain static file server
 * answering with the page's own bytes as this run captured them, measured in the same run, so results
 * read as ratios. See README "Benchmark".
 *
 *   npm run bench -- [--rounds 3] [--seconds 3] [--warmup 2] [--connections 10,50] [--encoding gzip] [--keep] [--reuse-databases] [--no-build] [--no-cold] [--no-edge] [--publishes 50]
 *
 * Every target is loaded in --rounds rounds of --seconds each, the rounds of all targets interleaved,
 * and reported as the median round (bench/load.ts combineRounds); --warmup seconds precede its first round.
 *
 * --encoding gzip (the default) sends the Accept-Encoding a browser sends, so pages travel compressed as
 * they do to readers and crawlers, and the file server sends its files gzipped; --encoding identity
 * asks for uncompressed bytes everywhere. Baselines are matched to pages by the bytes on the wire.
 *
 * --keep leaves the databases in place; --reuse-databases uses ones a --keep run left; --no-build
 * serves the existing .next-bench/ build. --no-cold leaves out the cold path. --no-edge leaves out the edge part, which is also skipped,
 * with a message saying why, when varnishd, its xkey module, nginx or redis-server is not installed;
 * --publishes is its number of timed publishes.
 *
 * Needs a PostgreSQL on this machine (BENCH_DATABASE_URL, default postgresql://postgres@localhost:5432);
 * creates and drops quire_bench_demo, quire_bench_10k and quire_bench_edge there. Loads 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { demoPosts } from "../prisma/demo/content";
import { applyMigrations } from "../scripts/db/migrate";
import { SERVER_NODE_FLAGS } from "../scripts/node-flags.mjs";
import { measureColdPath, type ColdPathResult } from "./cold-path";
import { assertLoopback, BROWSER_ACCEPT_ENCODING, combineRounds, load, rawGet, warm, wireBytes, type LoadResult, type WarmResult } from "./load";
import { cpuMs, sampleMemory, serverProcess } from "./proc";
import { REFERENCE_POST_SLUG } from "./reference-post";
import { checkTargets, coldPathChecks, edgeChecks, FILE_MATCHED_PAGES, printChecks, printDataset, printEdge, type DatasetResult, type EdgeResult, type TargetResult } from "./report";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "bench", "results");
const PORT = 3190;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST_DIR = ".next-bench";
const LARGE = { posts: 10_000, tags: 200, authors: 20 };
/**
 * A word a reader of this blog would search for, found in 11 of the demo's 12 posts and in most of the
 * 10,000: both result pages are full (10 hits and a next page), so they differ in the data behind them,
 * not in how much they show. Rendering a hit costs about 0.4 ms, which a query with fewer demo hits would
 * count against the larger data set.
 */
const SEARCH_QUERY = "data";
/** The edge part's stack (e2e/cluster/stack.ts): instances on this port and the next, Varnish on +4, nginx on +5. */
const EDGE_PORT = PORT + 1;

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "3" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "10,50" },
    encoding: { type: "string", default: "gzip" },
    keep: { type: "boolean", default: false },
    "reuse-databases": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "no-edge": { type: "boolean", default: false },
    "no-cold": { type: "boolean", default: false },
    publishes: { type: "string", default: "50" },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const warmupSeconds = Number(options.warmup);
const connectionLevels = options.connections.split(",").map(Number);
const encoding = options.encoding;
if (
  !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 9) ||
  !(seconds > 0 && seconds <= 60) ||
  !(warmupSeconds >= 0) ||
  connectionLevels.some((n) => !Number.isInteger(n) || n < 1) ||
  (encoding !== "gzip" && encoding !== "identity") ||
  !(Number.isInteger(Number(options.publishes)) && Number(options.publishes) >= 1)
) {
  throw new Error("--rounds must be 1–9, --seconds 1–60, --warmup ≥ 0, --connections a list of positive integers, --encoding gzip or identity, --publishes ≥ 1.");
}
/** Sent with every measured request. */
const requestHeaders: Record<string, string> = encoding === "gzip" ? { "accept-encoding": BROWSER_ACCEPT_ENCODING } : {};

const baseUrl = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@localhost:5432");
if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(baseUrl.hostname)) {
  throw new Error("The benchmark drops and creates databases; BENCH_DATABASE_URL must be on this machine.");
}
function databaseUrl(name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
const datasets = [
  { key: "demo", label: "demo content", database: "quire_bench_demo", seed: ["demo"] },
  { key: "10k", label: `${LARGE.posts.toLocaleString("en")} posts`, database: "quire_bench_10k", seed: ["large", String(LARGE.posts), String(LARGE.tags), String(LARGE.authors)] },
] as const;
const buildDataset = datasets[1];
/** The edge part's database: a fresh install's demo content, to which it adds its own posts. */
const edgeDataset = { key: "edge", label: "edge", database: "quire_bench_edge", seed: ["demo"] } as const;

const children = new Set<ChildProcess>();
function stopAll() {
  for (const child of children) if (child.pid && child.exitCode === null) killGroup(child);
}
function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    // Each child leads its own process group, so a server and any process it started go together.
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}
process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", capture ? "pipe" : "inherit", capture ? "pipe" : "inherit"], detached: true });
    children.add(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client(databaseUrl("postgres"));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function query<T extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(databaseUrl(database));
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
/**
 * The production server, as node's arguments: the site's own server (`next start` takes the same
 * options), with the V8 limits `npm start` gives it. The bench finds its serving process by title, bench/proc.ts.
 */
const serverArgs = [...SERVER_NODE_FLAGS, path.join(root, "scripts", "server.mjs"), "--port", String(PORT), "--hostname", "127.0.0.1"];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  QUIRE_DIST_DIR: DIST_DIR,
  SITE_URL: `http://localhost:${PORT}`,
  AUTH_URL: `http://localhost:${PORT}/api/auth`,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  PORT: String(PORT),
  NEXT_TELEMETRY_DISABLED: "1",
};

const COUNTS_SQL = `SELECT (SELECT count(*)::int FROM posts) AS posts,
       (SELECT count(*)::int FROM posts WHERE status = 'PUBLISHED') AS published,
       (SELECT count(*)::int FROM posts WHERE status = 'DRAFT') AS drafts,
       (SELECT count(*)::int FROM tags) AS tags,
       (SELECT count(*)::int FROM users WHERE role <> 'OWNER') AS authors,
       (SELECT count(*)::int FROM search_terms) AS terms`;

async function prepare(dataset: (typeof datasets)[number] | typeof edgeDataset) {
  if (options["reuse-databases"]) {
    const [counts] = await query<Record<string, number>>(dataset.database, COUNTS_SQL);
    if (!counts?.posts) throw new Error(`--reuse-databases: ${dataset.database} has no posts.`);
    console.log(`  ${dataset.database}: reused, ${counts.posts} posts (${counts.drafts} drafts), ${counts.tags} tags, ${counts.authors} authors`);
    return counts;
  }
  await admin(`DROP DATABASE IF EXISTS "${dataset.database}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${dataset.database}"`);
  const url = databaseUrl(dataset.database);
  await applyMigrations(url);
  const seeded = await run(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "bench/seed.ts", ...dataset.seed], { ...env, DATABASE_URL: url }, true);
  if (seeded.code !== 0) throw new Error(`Seeding ${dataset.database} failed:\n${seeded.output}`);
  const summary = JSON.parse(seeded.output.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
  console.log(`  ${dataset.database}: ${summary.posts} posts (${summary.drafts} drafts), ${summary.tags} tags, ${summary.authors} authors, ${summary.terms} search terms in ${summary.seconds?.toFixed(1)} s`);
  return summary;
}

interface BuildInfo {
  seconds: number;
  reused?: boolean;
}

async function build(): Promise<BuildInfo> {
  const started = performance.now();
  const result = await run(process.execPath, [nextBin, "build"], { ...env, DATABASE_URL: databaseUrl(buildDataset.database) }, true);
  writeFileSync(path.join(resultsDir, "build.log"), result.output);
  if (result.code !== 0) throw new Error(`next build failed (bench/results/build.log):\n${result.output.slice(-4000)}`);
  return { seconds: (performance.now() - started) / 1000 };
}

async function startServer(database: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    // QUIRE_EXIT_WITH_PARENT: a killed bench leaves no server holding the port.
    env: { ...env, DATABASE_URL: databaseUrl(database), QUIRE_EXIT_WITH_PARENT: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.on("exit", () => children.delete(child));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output}`);
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  killGroup(child);
  throw new Error(`The server did not answer on port ${PORT} within a minute:\n${output}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  killGroup(child);
  const timeout = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timeout);
}

/** Serves each file at /<its base name>; returns the origin. */
async function startFileServer(files: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, "bench", "file-server.mjs"), ...files], { cwd: root, stdio: ["ignore", "pipe", "inherit"], detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", () => reject(new Error("The file server exited before listening.")));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The pages to load, chosen from the data the way a reader would meet them. */
async function chooseTargets(database: string, key: string): Promise<{ name: string; path: string }[]> {
  const [post] =
    key === "demo"
      ? [{ slug: REFERENCE_POST_SLUG }]
      : // A generated post about as long as the demo one, so both data sets load a comparable post.
        await query<{ slug: string }>(
          database,
          `SELECT slug FROM posts
            WHERE status = 'PUBLISHED' AND slug <> ALL($2::text[])
            ORDER BY abs(word_count - (SELECT word_count FROM posts WHERE slug = $1)), slug LIMIT 1`,
          [REFERENCE_POST_SLUG, demoPosts.map((demo) => demo.slug)],
        );
  const [tag] = await query<{ slug: string }>(
    database,
    `SELECT t.slug FROM tags t JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
      WHERE p.status = 'PUBLISHED' GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 1`,
  );
  if (!post || !tag) throw new Error(`${database} has no published post or tag.`);
  return [
    { name: "home", path: "/" },
    { name: "post", path: `/blog/${post.slug}` },
    { name: "tag", path: `/tag/${tag.slug}` },
    { name: "search", path: `/search?q=${encodeURIComponent(SEARCH_QUERY)}` },
    { name: "feed", path: "/rss.xml" },
    { name: "sitemap", path: "/sitemap.xml" },
  ];
}

/** Every post the home page links to must be published in this database: proves it was not served from another data set. */
async function homeMatchesDatabase(database: string, home: WarmResult): Promise<{ ok: boolean; linked: number; unknown: string[] }> {
  const slugs = [...home.body.toString("utf8").matchAll(/href="\/blog\/([^"/?#]+)"/g)].map((match) => decodeURIComponent(match[1]!));
  const rows = await query<{ slug: string }>(database, "SELECT slug FROM posts WHERE status = 'PUBLISHED' AND slug = ANY($1::text[])", [slugs]);
  const known = new Set(rows.map((row) => row.slug));
  const unknown = [...new Set(slugs.filter((slug) => !known.has(slug)))];
  return { ok: slugs.length > 0 && unknown.length === 0, linked: new Set(slugs).size, unknown };
}

async function measuredTarget(target: Pick<TargetResult, "name" | "path" | "kind" | "baselineFor">, url: string, warmed: WarmResult): Promise<TargetResult> {
  const wire = warmed.status === 200 ? (await wireBytes(url, requestHeaders)).bytes : warmed.bytes;
  return { ...target, status: warmed.status, bytes: warmed.bytes, wireBytes: wire, cache: warmed.cache, cached: warmed.cached, firstMs: warmed.firstMs, runs: [], memoryPeakBytes: null };
}

async function measureDataset(dataset: (typeof datasets)[number], seed: Record<string, number>): Promise<DatasetResult> {
  console.log(`\n▶ ${dataset.label}: server on ${ORIGIN} (${dataset.database})`);
  const server = await startServer(dataset.database);
  let fileServer: { url: string; child: ChildProcess } | null = null;
  try {
    const pages: TargetResult[] = [];
    for (const target of await chooseTargets(dataset.database, dataset.key)) {
      const warmed = await warm(ORIGIN + target.path);
      const page = await measuredTarget({ ...target, kind: "page" }, ORIGIN + target.path, warmed);
      if (target.name === "search") page.listed = warmed.body.toString("utf8").match(/<article\b/g)?.length ?? 0;
      pages.push(page);
      console.log(`  warm ${target.path}: ${warmed.status}, ${warmed.bytes} bytes (${page.wireBytes} sent), x-nextjs-cache ${warmed.cache.join(" ")}, first request ${warmed.firstMs} ms`);
      if (FILE_MATCHED_PAGES.includes(target.name) && warmed.status === 200) await capturePage(ORIGIN + target.path, path.join(resultsDir, pageFile(target.name, dataset.key)), warmed.body);
    }
    const matched = pages.filter((page) => FILE_MATCHED_PAGES.includes(page.name) && page.status === 200);
    if (matched.length > 0) fileServer = await startFileServer(matched.map((page) => path.join(resultsDir, pageFile(page.name, dataset.key))));

    // Each matched page is followed by its baseline, so the table reads page, static file.
    const targets: TargetResult[] = [];
    for (const page of pages) {
      targets.push(page);
      if (!matched.includes(page)) continue;
      if (fileServer) {
        const url = `${fileServer.url}/${pageFile(page.name, dataset.key)}`;
        targets.push({ ...(await measuredTarget({ name: `static file (${page.name})`, path: url, kind: "static file", baselineFor: [page.name] }, url, await warm(url, 1))), cached: true });
      }
    }
    const home = targets.find((target) => target.kind === "page" && target.name === "home");
    const homeCheck = home?.status === 200 ? await homeMatchesDatabase(dataset.database, await warm(ORIGIN + home.path, 1)) : null;
    const idle = serverProcess(server.pid!);

    for (const connections of connectionLevels) {
      const measured = targets.filter((target) => target.status === 200);
      const roundsOf = new Map<TargetResult, LoadResult[]>(measured.map((target) => [target, []]));
      // Round by round through all targets, so a disturbance of a few seconds touches one round of a
      // page and of its baselines, not all of one of them.
      for (let round = 0; round < rounds; round++) {
        for (const target of measured) {
          const external = target.kind === "static file";
          const url = external ? target.path : ORIGIN + target.path;
          const memory = sampleMemory(server.pid!);
          // CPU time per request hardly depends on what else the machine runs, unlike req/s and latency.
          const servingPid = external ? fileServer?.child.pid : serverProcess(server.pid!)?.pid;
          const result = await load(url, connections, seconds, round === 0 ? warmupSeconds : 0, () => (servingPid ? cpuMs(servingPid) : null), requestHeaders);
          const sampled = memory.stop();
          roundsOf.get(target)!.push(result);
          if (!external) target.memoryPeakBytes = Math.max(target.memoryPeakBytes ?? 0, sampled.peakBytes);
        }
      }
      for (const target of measured) {
        const result = combineRounds(roundsOf.get(target)!);
        target.runs.push(result);
        console.log(
          `  ${String(connections).padStart(3)} conn  ${target.name.padEnd(26)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50.toFixed(2)} ms  p99 ${result.latency.p99.toFixed(2)} ms  server CPU ${result.serverCpuMsPerRequest?.toFixed(2) ?? "?"} ms/req` +
            `  (rounds: ${result.rounds.map((one) => one.requestsPerSecond.toFixed(0)).join(", ")} req/s)` +
            (result.non2xx + result.errors + result.timeouts > 0 ? `  non-2xx ${result.non2xx} errors ${result.errors} timeouts ${result.timeouts}` : ""),
        );
      }
    }
    const server_ = serverProcess(server.pid!);
    return {
      key: dataset.key,
      label: dataset.label,
      database: dataset.database,
      seed,
      targets,
      homeMatchesDatabase: homeCheck,
      memory: {
        serverPid: server_?.pid ?? null,
        serverCommand: server_?.command ?? null,
        idleAfterWarmBytes: idle?.rssBytes ?? null,
        peakBytes: Math.max(0, ...targets.map((target) => target.memoryPeakBytes ?? 0)),
        endBytes: server_?.rssBytes ?? null,
      },
    };
  } finally {
    if (fileServer) await stopServer(fileServer.child);
    await stopServer(server);
  }
}

/**
 * The page's bytes for the file server: decoded, and gzipped as the site sent them to this run's
 * requests (<file>.gz), so the baseline answers with the page's own bytes on the wire.
 */
async function capturePage(url: string, file: string, decoded: Buffer): Promise<void> {
  writeFileSync(file, decoded);
  rmSync(`${file}.gz`, { force: true });
  const sent = await rawGet(url, { "accept-encoding": BROWSER_ACCEPT_ENCODING });
  if (sent.status === 200 && sent.encoding === "gzip" && gunzipSync(sent.body).equals(decoded)) writeFileSync(`${file}.gz`, sent.body);
}

/** The file holding a target's bytes as the file server answers them, kept with the results. */
function pageFile(name: string, datasetKey: string): string {
  return `${name}-${datasetKey}.body`;
}

/**
 * The edge part: bench/edge.ts in its own process (it runs as React's server code, as the app's seed
 * does), on the bench's build and a database of its own. Skipped with the reason when this machine lacks
 * Varnish, nginx or Redis.
 */
async function measureEdge(): Promise<EdgeResult> {
  const output = path.join(resultsDir, "edge.json");
  rmSync(output, { force: true });
  const url = databaseUrl(edgeDataset.database);
  const result = await run(
    path.join(root, "node_modules", ".bin", "tsx"),
    [
      "--conditions=react-server",
      "bench/edge.ts",
      "--seconds",
      String(seconds),
      "--rounds",
      String(rounds),
      "--connections",
      connectionLevels.join(","),
      "--encoding",
      encoding,
      "--publishes",
      options.publishes,
      "--json",
      output,
    ],
    { ...env, DATABASE_URL: url, E2E_CLUSTER_PORT: String(EDGE_PORT) },
  );
  if (result.code !== 0 || !existsSync(output)) throw new Error(`The edge part failed (exit code ${result.code}); its output is above.`);
  return JSON.parse(readFileSync(output, "utf8")) as EdgeResult;
}

/**
 * The cold path (bench/cold-path.ts) on the 10,000 posts: a server started afresh with a page cache of
 * its own, empty (the hot-page runs before it filled the default one), as a crawler meets a site right
 * after a deploy.
 */
async function measureCold(): Promise<ColdPathResult> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "quire-bench-cache-"));
  const server = await startServer(buildDataset.database, { QUIRE_CACHE_DIR: cacheDir });
  try {
    const [post] = await chooseTargets(buildDataset.database, buildDataset.key).then((targets) => targets.filter((target) => target.name === "post"));
    return await measureColdPath({ origin: ORIGIN, rootPid: server.pid!, databaseUrl: databaseUrl(buildDataset.database), postPath: post!.path });
  } finally {
    await stopServer(server);
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  assertLoopback(ORIGIN);
  const started = performance.now();
  const loadBefore = loadavg();
  console.log(
    `Quire benchmark: ${cpus().length} CPU(s), load average ${loadBefore.map((n) => n.toFixed(2)).join(" ")}; ${rounds} interleaved rounds of ${seconds} s per target after ${warmupSeconds} s warm-up, at ${connectionLevels.join(" and ")} connections; ` +
      (encoding === "gzip" ? `Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}` : "uncompressed (no Accept-Encoding)"),
  );
  if (loadBefore[0]! > availableParallelism() * 0.5) console.log("  ⚠ the machine is already busy: numbers will be noisy.");

  const seeds: Record<string, Record<string, number>> = {};
  try {
    console.log("\n▶ Databases");
    for (const dataset of datasets) seeds[dataset.key] = await prepare(dataset);
    if (!options["no-edge"]) await prepare(edgeDataset);

    let buildInfo: BuildInfo;
    if (options["no-build"]) {
      if (!existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) throw new Error(`--no-build: there is no build in ${DIST_DIR}/.`);
      buildInfo = { seconds: 0, reused: true };
      console.log(`\n▶ Reusing the build in ${DIST_DIR}/ (--no-build)`);
    } else {
      console.log(`\n▶ next build (${DIST_DIR}/, prerendering against ${buildDataset.database})`);
      buildInfo = await build();
      console.log(`  built in ${buildInfo.seconds.toFixed(0)} s`);
    }

    const results: DatasetResult[] = [];
    for (const dataset of datasets) results.push(await measureDataset(dataset, seeds[dataset.key] ?? {}));

    let cold: ColdPathResult | { skipped: string };
    if (options["no-cold"]) {
      cold = { skipped: "left out with --no-cold" };
    } else {
      console.log(`\n▶ Cold path: ${buildDataset.label}, a fresh server with an empty page cache`);
      cold = await measureCold();
    }

    let edge: EdgeResult;
    if (options["no-edge"]) {
      edge = { skipped: "left out with --no-edge", requestHeaders, throughput: [], publish: null };
    } else {
      console.log(`\n▶ Edge: two instances on ${DIST_DIR}/, Redis and Varnish in front (${edgeDataset.database}), against nginx`);
      edge = await measureEdge();
    }

    const checks = [...checkTargets(results, connectionLevels), ...coldPathChecks(cold), ...edgeChecks(edge, connectionLevels)];
    console.log(`\n${"=".repeat(100)}`);
    for (const result of results) printDataset(result);
    printEdge(edge);
    printChecks(checks);
    const loadAfter = loadavg();
    const report = {
      finishedAt: new Date().toISOString(),
      totalSeconds: Math.round((performance.now() - started) / 1000),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, memoryBytes: totalmem(), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: { rounds, seconds, warmupSeconds, connections: connectionLevels, encoding, requestHeaders, searchQuery: SEARCH_QUERY, referencePost: REFERENCE_POST_SLUG },
      build: buildInfo,
      datasets: results.map((result) => ({ ...result })),
      cold,
      edge,
      checks,
    };
    writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nLoad average ${loadAfter.map((n) => n.toFixed(2)).join(" ")} at the end (${cpus().length} CPUs); took ${report.totalSeconds} s. Full results: bench/results/latest.json`);
    process.exitCode = checks.some((check) => check.outcome === "FAIL") ? 1 : 0;
  } finally {
    stopAll();
    if (!options.keep) for (const dataset of [...datasets, edgeDataset]) await admin(`DROP DATABASE IF EXISTS "${dataset.database}" WITH (FORCE)`).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  stopAll();
  console.error(error);
  process.exit(2);
});
