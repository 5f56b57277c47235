/** The benchmark's tables and target checks, computed only from what the run measured. */
import type { LoadResult } from "./load";

export interface TargetResult {
  name: string;
  path: string;
  /** A route of the site, a static Next page of the bench ladder, or the plain file server. */
  kind: "page" | "static Next" | "static file";
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

/** A rung of the static page ladder, as this run measured it. */
export interface LadderRung {
  path: string;
  status: number;
  bytes: number;
  wireBytes: number;
}

export interface DatasetResult {
  key: string;
  label: string;
  database: string;
  seed: Record<string, number>;
  ladder: LadderRung[];
  targets: TargetResult[];
  homeMatchesDatabase: { ok: boolean; linked: number; unknown: string[] } | null;
  memory: { serverPid: number | null; serverCommand: string | null; idleAfterWarmBytes: number | null; peakBytes: number; endBytes: number | null };
}

export interface BuildSummary {
  /** The build's route-list lines for the ladder's pages. */
  staticRouteLines: string[];
  /** Ladder pages found in the build's prerender manifest (rendered at build time, served as is). */
  prerendered: { expected: number; found: number; missing: string[] };
  reused?: boolean;
}

export interface Check {
  target: string;
  detail: string;
  outcome: "PASS" | "FAIL" | "MISSING";
}

/** Pages compared with static Next pages of their own size. */
export const MATCHED_PAGES = ["home", "post", "tag"];
/** Pages compared with a file server answering with their own bytes (feed and sitemap are past the ladder's sizes). */
export const FILE_MATCHED_PAGES = [...MATCHED_PAGES, "feed", "sitemap"];
/** Pages the site serves from Next's cache rather than rendering per request. */
const CACHED_PAGES = ["home", "post", "tag", "feed", "sitemap"];
/** How far a baseline's bytes may be from its page's for the req/s ratio to be fair. */
const BYTES_TOLERANCE = 0.03;
const MB = 1024 * 1024;

function run(target: TargetResult | undefined, connections: number): LoadResult | undefined {
  return target?.runs.find((result) => result.connections === connections);
}

function find(dataset: DatasetResult, name: string): TargetResult | undefined {
  return dataset.targets.find((target) => target.kind === "page" && target.name === name);
}

/** The baseline of `kind` measured for page `name`. */
export function baselineOf(dataset: DatasetResult, kind: "static Next" | "static file", name: string): TargetResult | undefined {
  return dataset.targets.find((target) => target.kind === kind && target.baselineFor?.includes(name));
}

/** The cached pages, then the static Next pages as a reference: what the server does at best for a page. */
function cachedTargets(dataset: DatasetResult): { name: string; target: TargetResult | undefined }[] {
  return [
    ...CACHED_PAGES.map((name) => ({ name, target: find(dataset, name) })),
    ...dataset.targets.filter((target) => target.kind === "static Next").map((target) => ({ name: target.name, target })),
  ];
}

function missing(target: TargetResult | undefined): string | null {
  if (!target) return "not measured";
  return target.status === 200 ? null : `answers ${target.status}`;
}

export function checkTargets(datasets: DatasetResult[], connectionLevels: number[], build: BuildSummary): Check[] {
  const checks: Check[] = [];
  // The route list draws a tree ("│ ├ ○ /bench/static/30400"); the symbol before a page's path is its kind.
  const symbols = build.staticRouteLines.filter((line) => /\/bench\/static\/\d+/.test(line)).map((line) => /^[\s│├└┌]*(\S)/.exec(line)?.[1] ?? "?");
  const { expected, found, missing: notFound } = build.prerendered;
  checks.push({
    target: "static Next pages are prerendered",
    detail:
      `prerender manifest: ${found} of ${expected} ladder pages${notFound.length ? ` (not ${notFound.slice(0, 3).join(", ")})` : ""}; ` +
      `route list: ${build.reused ? "(build reused)" : symbols.length ? `${symbols.join(" ")} for the pages it names` : "no lines"}`,
    outcome: expected > 0 && found === expected && (build.reused || (symbols.length > 0 && symbols.every((symbol) => symbol === "○"))) ? "PASS" : "FAIL",
  });

  for (const dataset of datasets) {
    for (const name of MATCHED_PAGES) {
      const [page, baseline] = [find(dataset, name), baselineOf(dataset, "static Next", name)];
      const absent = missing(page) ?? missing(baseline);
      const bytes = page && baseline ? baseline.wireBytes / page.wireBytes : Number.NaN;
      // A baseline of another size would make the req/s ratio unfair: serving a replayed page costs its bytes
      // sent (both are kept compressed as sent, lib/cache/replay.ts), not its decoded size.
      checks.push({
        target: `[${dataset.key}] static Next page for ${name} within ±3% of its bytes sent`,
        detail:
          absent ??
          `${baseline?.path}: ${baseline?.wireBytes} / ${page?.wireBytes} bytes = ${bytes.toFixed(3)} (decoded ${baseline?.bytes} / ${page?.bytes} = ${page && baseline ? (baseline.bytes / page.bytes).toFixed(3) : "–"})`,
        outcome: absent ? "MISSING" : Math.abs(bytes - 1) <= BYTES_TOLERANCE ? "PASS" : "FAIL",
      });
    }
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

  for (const dataset of datasets) {
    for (const name of MATCHED_PAGES) {
      const [target, staticPage] = [find(dataset, name), baselineOf(dataset, "static Next", name)];
      for (const connections of connectionLevels) {
        const absent = missing(target) ?? missing(staticPage);
        const page = run(target, connections);
        const baseline = run(staticPage, connections);
        const ratio = page && baseline ? page.requestsPerSecond / baseline.requestsPerSecond : Number.NaN;
        checks.push({
          target: `[${dataset.key}] ${name} ≥ 90% of its static Next page's req/s @${connections}`,
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

/** The largest step in bytes sent between neighbouring rungs, as a fraction of the smaller: a page in that gap may be half of it away. */
export function largestLadderGap(ladder: LadderRung[]): number {
  const sizes = [...new Set(ladder.filter((rung) => rung.status === 200).map((rung) => rung.wireBytes))].sort((a, b) => a - b);
  return Math.max(0, ...sizes.slice(1).map((size, index) => size / sizes[index]! - 1));
}

export function printDataset(dataset: DatasetResult) {
  const seed = dataset.seed;
  console.log(`\n${dataset.label.toUpperCase()} (${seed.posts} posts, ${seed.published} published, ${seed.tags} tags, ${seed.authors} authors)`);
  const rows: string[][] = [["target", "path", "status", "bytes", "sent", "cache", "conn", "req/s", "÷Next", "÷file", "p50 ms", "p99 ms", "CPU ms/req", "non2xx/err", "peak RSS MB"]];
  for (const target of dataset.targets) {
    const cache = target.kind === "static file" ? "file" : (target.cache.at(-1) ?? "-");
    const path = target.kind === "static file" ? `(file server)${new URL(target.path).pathname}` : target.path;
    // A page against its own baselines; a static Next page against the file server with its first page's bytes.
    const matched = target.kind === "page" ? target.name : target.kind === "static Next" ? target.baselineFor?.[0] : undefined;
    const [staticPage, file] = [
      target.kind === "page" && matched ? baselineOf(dataset, "static Next", matched) : undefined,
      target.kind !== "static file" && matched ? baselineOf(dataset, "static file", matched) : undefined,
    ];
    if (target.runs.length === 0) {
      rows.push([target.name, path, String(target.status), String(target.bytes), String(target.wireBytes), cache, "–", "missing", "", "", "", "", "", "", ""]);
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
  const rungs = dataset.ladder.filter((rung) => rung.status === 200).map((rung) => rung.wireBytes);
  if (rungs.length > 0) {
    console.log(
      `Static Next pages: ${rungs.length} of ${dataset.ladder.length} answered, ${Math.min(...rungs)}–${Math.max(...rungs)} bytes sent, at most ${(largestLadderGap(dataset.ladder) * 100).toFixed(1)}% apart`,
    );
  }
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
