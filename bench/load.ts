/** One load run with autocannon, with latency percentiles at sub-millisecond resolution. */
import { request, type IncomingHttpHeaders } from "node:http";
import { createRequire } from "node:module";
import autocannon from "autocannon";

/**
 * autocannon appends every response body to a string, decoded as UTF-8, for options this bench does not
 * use (expectBody, verifyBody, request chains). Past a few KB that costs the load tool more than the
 * server spends on the response, for gzipped bodies most of all (a 174 KB gzipped sitemap from a plain
 * file server at 10 connections: 477 req/s and a 19 ms p50, 26,504 req/s without it), so the latency
 * it recorded was mostly its own. Byte counts and timings come from elsewhere and stay as they are.
 * It holds for the whole process: load() passes none of those options, and must not start to.
 */
const queue = createRequire(import.meta.url)("autocannon/lib/pipelinedRequestsQueue.js") as { prototype: Record<string, unknown> };
if (typeof queue.prototype.addBody !== "function") throw new Error("autocannon changed: bench/load.ts no longer knows where it keeps response bodies.");
queue.prototype.addBody = () => undefined;

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Mean of autocannon's per-second request counts. */
  requestsPerSecond: number;
  /** Of 2xx responses, in milliseconds. */
  latency: { mean: number; p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Bytes read per response, headers included, as sent (compressed when the client asked for it). */
  bytesPerResponse: number;
  /** CPU time the serving process spent per request during the measured run. */
  serverCpuMsPerRequest: number | null;
}

/** What Chromium sends; Next's compression, Varnish and nginx's gzip_static answer it with gzip. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Refuses anything but this machine: the tool sends as much traffic as the target can take. */
export function assertLoopback(url: string): void {
  if (!LOOPBACK.has(new URL(url).hostname)) throw new Error(`The benchmark only loads this machine, not ${url}.`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Loads `url` for `warmupSeconds` (not recorded), then for `seconds`. autocannon's own histogram
 * keeps whole milliseconds, too coarse to compare 2 ms pages, so latencies are collected per response.
 */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  warmupSeconds: number,
  serverCpuMs: () => number | null,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  assertLoopback(url);
  if (warmupSeconds > 0) await autocannon({ url, connections, duration: warmupSeconds, headers });
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = serverCpuMs();
  const instance = autocannon({ url, connections, duration: seconds, headers }, () => undefined);
  instance.on("response", (_client: autocannon.Client, statusCode: number, responseBytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(responseTime);
      bytes += responseBytes;
    }
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on("done", resolve);
    instance.on("error", reject);
  });
  const cpuAfter = serverCpuMs();
  latencies.sort((a, b) => a - b);
  const sum = latencies.reduce((total, value) => total + value, 0);
  return {
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latency: {
      mean: round(latencies.length > 0 ? sum / latencies.length : Number.NaN),
      p50: round(percentile(latencies, 0.5)),
      p99: round(percentile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? Number.NaN),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: latencies.length > 0 ? Math.round(bytes / latencies.length) : 0,
    serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? round((cpuAfter - cpuBefore) / result.requests.total) : null,
  };
}

function median(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/**
 * Several rounds of one target as one result: each figure is the median of the rounds' figures, so
 * one round disturbed by something else on the machine (a GC pause, another process) does not decide
 * it; counts are summed. The rounds are kept for the report.
 */
export function combineRounds(rounds: LoadResult[]): LoadResult & { rounds: LoadResult[] } {
  if (rounds.length === 0) throw new Error("combineRounds needs at least one round.");
  const of = (pick: (result: LoadResult) => number) => median(rounds.map(pick));
  const cpu = rounds.map((result) => result.serverCpuMsPerRequest).filter((value): value is number => value !== null);
  return {
    connections: rounds[0]!.connections,
    seconds: rounds.reduce((total, result) => total + result.seconds, 0),
    requests: rounds.reduce((total, result) => total + result.requests, 0),
    requestsPerSecond: of((result) => result.requestsPerSecond),
    latency: { mean: of((result) => result.latency.mean), p50: of((result) => result.latency.p50), p99: of((result) => result.latency.p99), max: Math.max(...rounds.map((result) => result.latency.max)) },
    non2xx: rounds.reduce((total, result) => total + result.non2xx, 0),
    errors: rounds.reduce((total, result) => total + result.errors, 0),
    timeouts: rounds.reduce((total, result) => total + result.timeouts, 0),
    bytesPerResponse: of((result) => result.bytesPerResponse),
    serverCpuMsPerRequest: cpu.length > 0 ? median(cpu) : null,
    rounds,
  };
}

export interface WarmResult {
  status: number;
  bytes: number;
  /** x-nextjs-cache of each warm-up request, in order ("-" when absent). */
  cache: string[];
  /** Whether the last responses came from Next's cache. */
  cached: boolean;
  firstMs: number;
  body: Buffer;
}

/**
 * Requests `url` until Next serves it from its cache twice in a row (at most `attempts` times). Pages
 * that are not cached (no x-nextjs-cache header) get a few requests to warm the data cache instead.
 */
export async function warm(url: string, attempts = 12): Promise<WarmResult> {
  assertLoopback(url);
  const cache: string[] = [];
  let status = 0;
  let body = Buffer.alloc(0);
  let firstMs = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const started = performance.now();
    const response = await fetch(url, { redirect: "manual" });
    body = Buffer.from(await response.arrayBuffer());
    if (attempt === 0) firstMs = performance.now() - started;
    status = response.status;
    cache.push(response.headers.get("x-nextjs-cache") ?? "-");
    if (status !== 200) break;
    if (cache.length >= 2 && cache.slice(-2).every((value) => value === "HIT")) break;
    if (cache.length >= 4 && cache.every((value) => value === "-")) break;
    // A stale answer revalidates in the background; give it a moment to land in the cache.
    if (cache.at(-1) !== "HIT") await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { status, bytes: body.length, cache, cached: cache.at(-1) === "HIT", firstMs: Math.round(firstMs), body };
}

/** The body's bytes as the server sends them to a client with these request headers (not decompressed). */
export async function wireBytes(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string }> {
  const { status, body, encoding } = await rawGet(url, headers);
  return { status, bytes: body.length, encoding };
}

/** One GET with exactly these request headers, the body as it came over the wire (not decompressed). */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer; encoding: string; headers: IncomingHttpHeaders }> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), encoding: response.headers["content-encoding"] ?? "identity", headers: response.headers }),
      );
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}
