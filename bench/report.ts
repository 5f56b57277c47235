/** The benchmark's tables and target checks, computed only from what the run measured. */
import type { LoadResult } from "./load";

export interface TargetResult {
  name: string;
  path: string;
  status: number;
  bytes: number;
  cache: string[];
  cached: boolean;
  firstMs: number;
  runs: LoadResult[];
  memoryPeakBytes: number | null;
  /** Served by the file server, not by Next. */
  external?: boolean;
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

export interface Check {
  target: string;
  detail: string;
  outcome: "PASS" | "FAIL" | "MISSING";
}

/** Pages the site serves from Next's cache rather than rendering per request. */
const CACHED_PAGES = ["static Next page", "home", "post", "tag", "feed", "sitemap"];
const MB = 1024 * 1024;

function run(target: TargetResult | undefined, connections: number): LoadResult | undefined {
  return target?.runs.find((result) => result.connections === connections);
}

function find(dataset: DatasetResult, name: string): TargetResult | undefined {
  return dataset.targets.find((target) => target.name === name);
}

function missing(target: TargetResult | undefined): string | null {
  if (!target) return "not measured";
  return target.status === 200 ? null : `answers ${target.status}`;
}

export function checkTargets(datasets: DatasetResult[], connectionLevels: number[], build: { prerendered: boolean; staticRouteLine: string | null; reused?: boolean }): Check[] {
  const checks: Check[] = [];
  // The route list draws a tree ("├ ○ /bench/static"); the symbol after it is the page's kind.
  const symbol = /^[\s│├└┌]*(\S)/.exec(build.staticRouteLine ?? "")?.[1] ?? "?";
  checks.push({
    target: "static Next page is prerendered",
    detail: `prerender manifest: ${build.prerendered ? "yes" : "no"}; route list: ${build.reused ? "(build reused)" : (build.staticRouteLine ?? "no line")}`,
    outcome: build.prerendered && (build.reused || symbol === "○") ? "PASS" : "FAIL",
  });

  for (const dataset of datasets) {
    const [staticPage, post] = [find(dataset, "static Next page"), find(dataset, "post")];
    const absent = missing(staticPage) ?? missing(post);
    const bytes = staticPage && post ? staticPage.bytes / post.bytes : Number.NaN;
    // A baseline that drifted far from the post page's size would make the req/s ratios unfair.
    checks.push({
      target: `[${dataset.key}] static Next page within ±25% of the post's bytes`,
      detail: absent ?? `${staticPage?.bytes} / ${post?.bytes} bytes = ${bytes.toFixed(2)}`,
      outcome: absent ? "MISSING" : Math.abs(bytes - 1) <= 0.25 ? "PASS" : "FAIL",
    });
    const home = dataset.homeMatchesDatabase;
    checks.push({
      target: `[${dataset.key}] home shows this database's posts`,
      detail: home ? `${home.linked} post links${home.unknown.length ? `, not published here: ${home.unknown.slice(0, 3).join(", ")}` : ""}` : "home not measured",
      outcome: home === null ? "MISSING" : home.ok ? "PASS" : "FAIL",
    });
    for (const name of CACHED_PAGES.slice(1)) {
      const target = find(dataset, name);
      const absent = missing(target);
      checks.push({
        target: `[${dataset.key}] ${name} served from the cache`,
        detail: absent ?? `x-nextjs-cache ${target!.cache.join(" ")}`,
        outcome: absent ? "MISSING" : target!.cached ? "PASS" : "FAIL",
      });
    }
  }

  for (const dataset of datasets) {
    const staticPage = find(dataset, "static Next page");
    for (const name of ["post", "home", "tag"]) {
      for (const connections of connectionLevels) {
        const target = find(dataset, name);
        const absent = missing(target) ?? missing(staticPage);
        const page = run(target, connections);
        const baseline = run(staticPage, connections);
        const ratio = page && baseline ? page.requestsPerSecond / baseline.requestsPerSecond : Number.NaN;
        checks.push({
          target: `[${dataset.key}] ${name} ≥ 90% of static Next req/s @${connections}`,
          detail: absent ?? `${page?.requestsPerSecond.toFixed(0)} / ${baseline?.requestsPerSecond.toFixed(0)} req/s = ${(ratio * 100).toFixed(1)}%`,
          outcome: absent ? "MISSING" : ratio >= 0.9 ? "PASS" : "FAIL",
        });
      }
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
        checks.push({
          target: `${name}: 10k p50 ≤ 1.2× demo p50 @${connections}`,
          detail: absent ?? `${b?.latency.p50.toFixed(2)} / ${a?.latency.p50.toFixed(2)} ms = ${ratio.toFixed(2)}× (p99 ${p99Ratio.toFixed(2)}×)`,
          outcome: absent ? "MISSING" : ratio <= 1.2 ? "PASS" : "FAIL",
        });
      }
    }
  }

  if (connectionLevels.includes(10)) {
    for (const dataset of datasets) {
      for (const name of CACHED_PAGES) {
        const target = find(dataset, name);
        const absent = missing(target);
        const result = run(target, 10);
        checks.push({
          target: `[${dataset.key}] ${name} p99 < 25 ms @10`,
          detail: absent ?? `p99 ${result?.latency.p99.toFixed(2)} ms`,
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
  const staticPage = find(dataset, "static Next page");
  const file = find(dataset, "static file");
  const rows: string[][] = [["target", "path", "status", "bytes", "cache", "conn", "req/s", "÷Next", "÷file", "p50 ms", "p99 ms", "CPU ms/req", "non2xx/err", "peak RSS MB"]];
  for (const target of dataset.targets) {
    const cache = target.external ? "file" : (target.cache.at(-1) ?? "-");
    const path = target.external ? "(127.0.0.1 file server)" : target.path;
    if (target.runs.length === 0) {
      rows.push([target.name, path, String(target.status), String(target.bytes), cache, "–", "missing", "", "", "", "", "", "", ""]);
      continue;
    }
    for (const result of target.runs) {
      rows.push([
        target.name,
        path,
        String(target.status),
        String(target.bytes),
        cache,
        String(result.connections),
        result.requestsPerSecond.toFixed(0),
        ratio(result.requestsPerSecond, run(staticPage, result.connections)?.requestsPerSecond),
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
