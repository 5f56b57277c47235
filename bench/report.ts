/** The benchmark's tables and target checks, computed only from what the run measured. */
import type { ColdPathResult } from "./cold-path";
import type { LoadResult } from "./load";

export interface TargetResult {
  name: string;
  path: string;
  /** A route of the site, or the plain file server answering with a page's own bytes. */
  kind: "page" | "static file";
  /** For a baseline: the pages whose bytes it matches. */
  baselineFor?: string[];
  status: number;
  /** The body's bytes, decoded. */
  bytes: number;
  /** The body's bytes as sent to the run's requests (gzipped, unless the run asked for no compression). */
  wireBytes: number;
  /** For search: the hits the page shows. */
  listed?: number;
  cache: string[];
  cached: boolean;
  firstMs: number;
  runs: LoadResult[];
  memoryPeakBytes: number | null;
}

export interface DatasetResult {
  key: string;
  label: string;
  database: string;
  seed: Record<string, number>;
  targets: TargetResult[];
  homeMatchesDatabase: { ok: boolean; linked: number; unknown: string[] } | null;
  memory: { serverPid: number | null; serverCommand: string | null; idleAfterWarmBytes: number | null; peakBytes: number; endBytes: number | null };
}

/** The edge part (bench/edge.ts): Varnish against nginx with the same bytes, and publish to visible. */
export interface EdgeThroughput {
  connections: number;
  varnish: LoadResult & { rounds: LoadResult[] };
  nginx: LoadResult & { rounds: LoadResult[] };
  /** Varnish's counters over this level's runs, warm-up included: every request should be a hit. */
  varnishCounters: Record<string, number>;
  loadAverage: number[];
}

export interface PublishTimes {
  publishes: number;
  /** Milliseconds from the click on Publish until the post answers 200 there. */
  targets: Record<string, { p50: number; p99: number; max: number }>;
}

export interface EdgeResult {
  /** Why the edge part did not run (a program missing on this machine). */
  skipped?: string;
  requestHeaders: Record<string, string>;
  /** The page both servers answered with: its decoded bytes, and as sent. */
  page?: { path: string; bytes: number; wireBytes: number; encoding: string };
  throughput: EdgeThroughput[];
  publish: PublishTimes | null;
}

export interface Check {
  target: string;
  detail: string;
  outcome: "PASS" | "FAIL" | "MISSING";
}

/** Pages compared with a file server answering with their own bytes. */
export const FILE_MATCHED_PAGES = ["home", "post", "tag", "feed", "sitemap"];
/** Pages the site serves from Next's cache rather than rendering per request. */
const CACHED_PAGES = ["home", "post", "tag", "feed", "sitemap"];
const MB = 1024 * 1024;

function run(target: TargetResult | undefined, connections: number): LoadResult | undefined {
  return target?.runs.find((result) => result.connections === connections);
}

function find(dataset: DatasetResult, name: string): TargetResult | undefined {
  return dataset.targets.find((target) => target.kind === "page" && target.name === name);
}

/** The baseline of `kind` measured for page `name`. */
export function baselineOf(dataset: DatasetResult, kind: "static file", name: string): TargetResult | undefined {
  return dataset.targets.find((target) => target.kind === kind && target.baselineFor?.includes(name));
}

/** The pages the site serves from its cache. */
function cachedTargets(dataset: DatasetResult): { name: string; target: TargetResult | undefined }[] {
  return CACHED_PAGES.map((name) => ({ name, target: find(dataset, name) }));
}

function missing(target: TargetResult | undefined): string | null {
  if (!target) return "not measured";
  return target.status === 200 ? null : `answers ${target.status}`;
}

export function checkTargets(datasets: DatasetResult[], connectionLevels: number[]): Check[] {
  const checks: Check[] = [];
  for (const dataset of datasets) {
    const home = dataset.homeMatchesDatabase;
    checks.push({
      target: `[${dataset.key}] home shows this database's posts`,
      detail: home ? `${home.linked} post links${home.unknown.length ? `, not published here: ${home.unknown.slice(0, 3).join(", ")}` : ""}` : "home not measured",
      outcome: home === null ? "MISSING" : home.ok ? "PASS" : "FAIL",
    });
    for (const { name, target } of cachedTargets(dataset)) {
      const absent = missing(target);
      checks.push({
        target: `[${dataset.key}] ${name} served from the cache`,
        detail: absent ?? `x-nextjs-cache ${target!.cache.join(" ")}`,
        outcome: absent ? "MISSING" : target!.cached ? "PASS" : "FAIL",
      });
    }
  }

  const [demo, large] = [datasets.find((d) => d.key === "demo"), datasets.find((d) => d.key === "10k")];
  if (demo && large) {
    for (const name of ["home", "tag", "search"]) {
      for (const connections of connectionLevels) {
        const small = find(demo, name);
        const big = find(large, name);
        const absent = missing(small) ?? missing(big);
        const [a, b] = [run(small, connections), run(big, connections)];
        const ratio = a && b ? b.latency.p50 / a.latency.p50 : Number.NaN;
        const p99Ratio = a && b ? b.latency.p99 / a.latency.p99 : Number.NaN;
        // Cached pages cost little more than their bytes, so the two sizes, and the same bytes from a file server, tell how much of a difference is size.
        const [fileA, fileB] = [run(baselineOf(demo, "static file", name), connections), run(baselineOf(large, "static file", name), connections)];
        const sizes = small && big ? `; bytes sent ${(big.wireBytes / small.wireBytes).toFixed(2)}×, decoded ${(big.bytes / small.bytes).toFixed(2)}×` : "";
        const files = fileA && fileB ? `, same bytes from the file server ${(fileB.latency.p50 / fileA.latency.p50).toFixed(2)}×` : "";
        const listed = small?.listed !== undefined && big?.listed !== undefined ? `; hits shown ${big.listed} and ${small.listed}` : "";
        checks.push({
          target: `${name}: 10k p50 ≤ 1.2× demo p50 @${connections}`,
          detail: absent ?? `${b?.latency.p50.toFixed(2)} / ${a?.latency.p50.toFixed(2)} ms = ${ratio.toFixed(2)}× (p99 ${p99Ratio.toFixed(2)}×${sizes}${files}${listed})`,
          outcome: absent ? "MISSING" : ratio <= 1.2 ? "PASS" : "FAIL",
        });
      }
    }
  }

  if (connectionLevels.includes(10)) {
    for (const dataset of datasets) {
      for (const { name, target } of cachedTargets(dataset)) {
        const absent = missing(target);
        const result = run(target, 10);
        const file = run(baselineOf(dataset, "static file", name), 10);
        checks.push({
          target: `[${dataset.key}] ${name} p99 < 25 ms @10`,
          detail: absent ?? `p99 ${result?.latency.p99.toFixed(2)} ms${file ? ` (same bytes from the file server: ${file.latency.p99.toFixed(2)} ms)` : ""}`,
          outcome: absent ? "MISSING" : result && result.latency.p99 < 25 ? "PASS" : "FAIL",
        });
      }
    }
  }
  return checks;
}

function ratio(value: number | undefined, base: number | undefined): string {
  return value !== undefined && base ? `${(value / base).toFixed(2)}` : "–";
}

/** Columns before `numbersFrom` are text (left-aligned); the rest are numbers. */
function table(rows: string[][], numbersFrom = 2): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => (column < numbersFrom ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return rows.map((row) => line(row).trimEnd()).join("\n");
}

export function printDataset(dataset: DatasetResult) {
  const seed = dataset.seed;
  console.log(`\n${dataset.label.toUpperCase()} (${seed.posts} posts, ${seed.published} published, ${seed.tags} tags, ${seed.authors} authors)`);
  const rows: string[][] = [["target", "path", "status", "bytes", "sent", "cache", "conn", "req/s", "÷file", "p50 ms", "p99 ms", "CPU ms/req", "non2xx/err", "peak RSS MB"]];
  for (const target of dataset.targets) {
    const cache = target.kind === "static file" ? "file" : (target.cache.at(-1) ?? "-");
    const path = target.kind === "static file" ? `(file server)${new URL(target.path).pathname}` : target.path;
    // A page against the file server answering with its own bytes.
    const file = target.kind === "page" ? baselineOf(dataset, "static file", target.name) : undefined;
    if (target.runs.length === 0) {
      rows.push([target.name, path, String(target.status), String(target.bytes), String(target.wireBytes), cache, "–", "missing", "", "", "", "", "", ""]);
      continue;
    }
    for (const result of target.runs) {
      rows.push([
        target.name,
        path,
        String(target.status),
        String(target.bytes),
        String(target.wireBytes),
        cache,
        String(result.connections),
        result.requestsPerSecond.toFixed(0),
        ratio(result.requestsPerSecond, run(file, result.connections)?.requestsPerSecond),
        result.latency.p50.toFixed(2),
        result.latency.p99.toFixed(2),
        result.serverCpuMsPerRequest?.toFixed(2) ?? "?",
        `${result.non2xx}/${result.errors + result.timeouts}`,
        target.memoryPeakBytes === null ? "" : (target.memoryPeakBytes / MB).toFixed(0),
      ]);
    }
  }
  console.log(table(rows));
  const memory = dataset.memory;
  const mb = (bytes: number | null) => (bytes === null ? "?" : `${(bytes / MB).toFixed(0)} MB`);
  console.log(`Server memory (RSS of pid ${memory.serverPid}, "${memory.serverCommand}"): ${mb(memory.idleAfterWarmBytes)} after warm-up, peak ${mb(memory.peakBytes)} under load, ${mb(memory.endBytes)} at the end`);
}

export function printChecks(checks: Check[]) {
  console.log("\nTARGETS");
  console.log(table([["outcome", "check", "measured"], ...checks.map((check) => [check.outcome, check.target, check.detail])], 3));
  const count = (outcome: Check["outcome"]) => checks.filter((check) => check.outcome === outcome).length;
  console.log(`\n${count("PASS")} passed, ${count("FAIL")} failed, ${count("MISSING")} missing (route not there yet)`);
}

/** Edge targets of issue 12: Varnish at least half of nginx's req/s for the same bytes, all hits, and publish to visible within 1 s. */
export function edgeChecks(edge: EdgeResult, connectionLevels: number[]): Check[] {
  if (edge.skipped) return [{ target: "edge: Varnish and publish to visible", detail: `skipped: ${edge.skipped}`, outcome: "MISSING" }];
  const checks: Check[] = [];
  for (const connections of connectionLevels) {
    const measured = edge.throughput.find((result) => result.connections === connections);
    const ratio = measured ? measured.varnish.requestsPerSecond / measured.nginx.requestsPerSecond : Number.NaN;
    checks.push({
      target: `edge: cached post through Varnish ≥ 50% of nginx's req/s, same bytes @${connections}`,
      detail: measured ? `${measured.varnish.requestsPerSecond.toFixed(0)} / ${measured.nginx.requestsPerSecond.toFixed(0)} req/s = ${(ratio * 100).toFixed(1)}%` : "not measured",
      outcome: measured ? (ratio >= 0.5 ? "PASS" : "FAIL") : "MISSING",
    });
    const counters = measured?.varnishCounters;
    const notHits = counters ? (counters.cache_miss ?? 0) + (counters.cache_hitpass ?? 0) + (counters.cache_hitmiss ?? 0) + (counters.s_pass ?? 0) : Number.NaN;
    checks.push({
      target: `edge: every request to Varnish a hit @${connections}`,
      detail: counters ? `${counters.cache_hit} hits of ${counters.client_req} requests; misses ${counters.cache_miss}, hit-for-pass ${counters.cache_hitpass}, hit-for-miss ${counters.cache_hitmiss}, passes ${counters.s_pass}` : "not measured",
      outcome: counters ? (notHits === 0 ? "PASS" : "FAIL") : "MISSING",
    });
  }
  for (const name of ["A", "B", "Varnish"]) {
    const times = edge.publish?.targets[name];
    checks.push({
      target: `edge: publish to visible on ${name} p99 ≤ 1000 ms`,
      detail: times ? `p50 ${times.p50} ms, p99 ${times.p99} ms, max ${times.max} ms over ${edge.publish?.publishes} publishes` : "not measured",
      outcome: times ? (times.p99 <= 1000 ? "PASS" : "FAIL") : "MISSING",
    });
  }
  return checks;
}

export function printEdge(edge: EdgeResult) {
  console.log("\nEDGE (two instances, Redis, Varnish with deploy/varnish/default.vcl; nginx with the same bytes from files)");
  if (edge.skipped) {
    console.log(`Skipped: ${edge.skipped}.`);
    return;
  }
  if (edge.page) {
    const asked = edge.requestHeaders["accept-encoding"];
    console.log(`Cached post ${edge.page.path}: ${edge.page.bytes} bytes, sent as ${edge.page.encoding} (${edge.page.wireBytes} bytes) by both${asked ? ` to Accept-Encoding: ${asked}` : ""}`);
  }
  const rows: string[][] = [["server", "conn", "req/s", "÷nginx", "p50 ms", "p99 ms", "CPU ms/req", "non2xx/err", "hits", "misses/passes", "load average"]];
  for (const result of edge.throughput) {
    const counters = result.varnishCounters;
    const notHits = (counters.cache_miss ?? 0) + (counters.cache_hitpass ?? 0) + (counters.cache_hitmiss ?? 0) + (counters.s_pass ?? 0);
    for (const [server, run] of [
      ["varnish", result.varnish],
      ["nginx", result.nginx],
    ] as const) {
      rows.push([
        server,
        String(result.connections),
        run.requestsPerSecond.toFixed(0),
        server === "varnish" ? ratio(run.requestsPerSecond, result.nginx.requestsPerSecond) : "",
        run.latency.p50.toFixed(2),
        run.latency.p99.toFixed(2),
        run.serverCpuMsPerRequest?.toFixed(3) ?? "?",
        `${run.non2xx}/${run.errors + run.timeouts}`,
        server === "varnish" ? String(counters.cache_hit ?? 0) : "",
        server === "varnish" ? String(notHits) : "",
        server === "varnish" ? result.loadAverage.map((n) => n.toFixed(2)).join(" ") : "",
      ]);
    }
  }
  if (edge.throughput.length > 0) console.log(table(rows, 1));
  if (edge.publish) {
    console.log(`Publish to visible, ${edge.publish.publishes} publishes (from the click in the editor on A; the editor's own round trip included):`);
    for (const [name, times] of Object.entries(edge.publish.targets)) console.log(`  ${name.padEnd(8)} p50 ${times.p50} ms  p99 ${times.p99} ms  max ${times.max} ms`);
  }
}

/**
 * Issue 13's targets for what no cache helps with, against Ghost 5 measured on this kind of machine:
 * the walk's CPU per page under half of Ghost's (48 ms), the walk again ≥ 10× the cold one, search
 * ≥ 300 req/s with p99 < 50 ms, memory at or below Ghost's (182 MB idle, 328 MB peak), a post's first
 * visit at or below Ghost's 84 KB (46 KB + a 38 KB font), and Lighthouse 100 on mobile.
 */
export function coldPathChecks(cold: ColdPathResult | { skipped: string }): Check[] {
  if ("skipped" in cold) return [{ target: "cold path: walk, search, memory, weight, Lighthouse", detail: `skipped: ${cold.skipped}`, outcome: "MISSING" }];
  const { walkCold, walkWarm, search, memory, weight, lighthouse } = cold;
  const npmStart = memory.npmBytes === null ? null : (bytes: number) => bytes + memory.npmBytes!;
  const checks: Check[] = [
    {
      target: "cold: crawler walk ≤ 24 ms CPU per page, server and PostgreSQL together",
      detail: `${walkCold.totalCpuMsPerPage} ms (${walkCold.serverCpuMsPerPage} server + ${walkCold.postgresCpuMsPerPage} PostgreSQL), ${walkCold.pagesPerSecond} pages/s over ${walkCold.pages} posts`,
      outcome: walkCold.totalCpuMsPerPage <= 24 ? "PASS" : "FAIL",
    },
    {
      target: "cold: the same walk again ≥ 10× the cold walk's pages/s",
      detail: `${walkWarm.pagesPerSecond} / ${walkCold.pagesPerSecond} pages/s = ${(walkWarm.pagesPerSecond / walkCold.pagesPerSecond).toFixed(1)}×; x-nextjs-cache ${JSON.stringify(walkWarm.cache)}`,
      outcome: walkWarm.pagesPerSecond >= 10 * walkCold.pagesPerSecond ? "PASS" : "FAIL",
    },
    {
      target: `cold: search, a new word per request @${search.connections}, ≥ 300 req/s and p99 < 50 ms`,
      detail: `${search.requestsPerSecond} req/s, p50 ${search.latency.p50} ms, p99 ${search.latency.p99} ms, ${search.serverCpuMsPerRequest ?? "?"} ms server + ${search.postgresCpuMsPerRequest ?? "?"} ms PostgreSQL CPU per request`,
      outcome: search.errors + search.non2xx === 0 && search.requestsPerSecond >= 300 && search.latency.p99 < 50 ? "PASS" : "FAIL",
    },
    {
      target: "cold: memory of what npm start leaves running ≤ 182 MB idle",
      detail: npmStart ? `${(npmStart(memory.idleBytes) / MB).toFixed(0)} MB (server ${(memory.idleBytes / MB).toFixed(0)} + npm ${(memory.npmBytes! / MB).toFixed(0)})` : "npm not measured",
      outcome: npmStart ? (npmStart(memory.idleBytes) <= 182 * MB ? "PASS" : "FAIL") : "MISSING",
    },
    {
      target: "cold: memory of what npm start leaves running ≤ 328 MB at its peak under the walks and search",
      detail: npmStart ? `${(npmStart(memory.peakBytes) / MB).toFixed(0)} MB (server ${(memory.peakBytes / MB).toFixed(0)} + npm ${(memory.npmBytes! / MB).toFixed(0)})` : "npm not measured",
      outcome: npmStart ? (npmStart(memory.peakBytes) <= 328 * MB ? "PASS" : "FAIL") : "MISSING",
    },
    {
      target: "cold: a post's first visit on a phone ≤ 84 KB transferred",
      detail: `${weight.kilobytes} KB in ${weight.requests} requests (${Object.entries(weight.byKind).map(([kind, total]) => `${kind} ${total.count}/${total.kilobytes} KB`).join(", ")})`,
      outcome: weight.kilobytes <= 84 ? "PASS" : "FAIL",
    },
  ];
  for (const result of lighthouse) {
    const { scores } = result;
    const all = [scores.performance, scores.accessibility, scores.bestPractices, scores.seo];
    checks.push({
      target: `cold: Lighthouse mobile 100 in every category, ${new URL(result.url).pathname}`,
      detail: `performance ${scores.performance}, accessibility ${scores.accessibility}, best practices ${scores.bestPractices}, SEO ${scores.seo}; LCP ${Math.round(result.metrics.lcpMs ?? Number.NaN)} ms, TBT ${Math.round(result.metrics.tbtMs ?? Number.NaN)} ms`,
      outcome: all.every((value) => value === 100) ? "PASS" : "FAIL",
    });
  }
  return checks;
}
