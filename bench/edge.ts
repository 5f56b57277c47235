/**
 * `npm run bench:edge`, and the edge part of `npm run bench`: the edge profile of issue 12, on the
 * several-instance stack of the cluster suite (e2e/cluster/stack.ts: two instances of one build, one
 * PostgreSQL, their own Redis, Varnish with deploy/varnish/default.vcl in front).
 *
 *   1. A cached post page through Varnish at 10 and 50 connections, against nginx serving the same
 *      bytes from files (the ratio is the figure; target: Varnish at least 50 % of nginx's req/s).
 *      Both get the Accept-Encoding a browser sends and answer it with the same bytes: the gzip body
 *      Varnish keeps, which nginx serves with gzip_static. Varnish's counters prove every request was a hit.
 *   2. Publish to visible: ~50 publishes in the editor on instance A (Chromium), each timed from the
 *      click until the post page answers 200 with the post on A, on B and through Varnish (p50/p99).
 *
 *   QUIRE_DIST_DIR=.next-edge DATABASE_URL=postgresql://postgres@localhost:5432/quire_edge E2E_CLUSTER_PORT=3251 \
 *     npx tsx --conditions=react-server bench/edge.ts [--seconds 5] [--rounds 3] [--publishes 50] [--connections 10,50] [--encoding gzip] [--json out.json]
 *
 * Needs a build in QUIRE_DIST_DIR (npm test builds .next-test), a migrated database with the first-run
 * setup done, Debian's varnish, varnish-modules and nginx (.ci/run installs them), and redis-server.
 */
import { spawn, spawnSync } from "node:child_process";
import type { IncomingHttpHeaders } from "node:http";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { ClusterStack, clusterPorts, isListening, originOf } from "../e2e/cluster/stack";
import { createPost, createUser } from "../e2e/support/factories";
import { postPath } from "../lib/paths";
import { BROWSER_ACCEPT_ENCODING, combineRounds, load, rawGet, type LoadResult } from "./load";
import { cpuMs, processTree } from "./proc";
import { printEdge, type EdgeResult, type EdgeThroughput, type PublishTimes } from "./report";

const { values: options } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    publishes: { type: "string", default: "50" },
    connections: { type: "string", default: "10,50" },
    encoding: { type: "string", default: "gzip" },
    json: { type: "string" },
  },
});
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const publishes = Number(options.publishes);
const connectionCounts = options.connections.split(",").map(Number);
const encoding = options.encoding;
if (!(seconds > 0) || !(Number.isInteger(rounds) && rounds >= 1) || !(publishes >= 1) || connectionCounts.some((n) => !(n >= 1)) || (encoding !== "gzip" && encoding !== "identity")) {
  throw new Error("--seconds > 0, --rounds ≥ 1, --publishes ≥ 1, --connections positive integers, --encoding gzip or identity.");
}
/**
 * Sent to both servers. A browser's by default: Varnish keeps the gzip body the app sent and gunzips it
 * for every hit of a client that does not accept gzip, which costs more than the hit itself (Varnish
 * at a quarter of nginx's req/s when this bench sent no Accept-Encoding and nginx served plain bytes).
 */
const requestHeaders: Record<string, string> = encoding === "gzip" ? { "accept-encoding": BROWSER_ACCEPT_ENCODING } : {};

/** What the edge bench needs on this machine, or why it cannot run. */
export function edgeUnavailable(): string | null {
  const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command} || test -x /usr/sbin/${command}`], { stdio: "ignore" }).status === 0;
  if (!has("varnishd")) return "varnishd is not installed (Debian: apt-get install varnish varnish-modules)";
  if (!existsSync("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so") && !existsSync("/usr/lib/varnish/vmods/libvmod_xkey.so")) {
    return "Varnish's xkey module is not installed (Debian: apt-get install varnish-modules)";
  }
  if (!has("nginx")) return "nginx is not installed (Debian: apt-get install nginx)";
  if (!has("redis-server")) return "redis-server is not installed";
  return null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** CPU time of a process and its descendants (varnishd's manager and cache process; nginx's master and workers). */
function treeCpuMs(root: number): number | null {
  const tree = processTree(root);
  if (tree.length === 0) return null;
  return tree.reduce((total, process) => total + (cpuMs(process.pid) ?? 0), 0);
}

/** The varnishd the stack started (its manager process, a child of this one). */
function varnishdPid(): number | null {
  return processTree(process.pid).find((child) => /(^|\/)varnishd\s/.test(child.command))?.pid ?? null;
}

const VARNISH_COUNTERS = ["MAIN.client_req", "MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitpass", "MAIN.cache_hitmiss", "MAIN.s_pass"] as const;

function varnishCounters(workDir: string): Record<string, number> {
  const result = spawnSync("varnishstat", ["-n", workDir, "-1", "-j", ...VARNISH_COUNTERS.flatMap((name) => ["-f", name])], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/bin` },
  });
  if (result.status !== 0) throw new Error(`varnishstat failed: ${result.stderr}`);
  const counters = (JSON.parse(result.stdout) as { counters: Record<string, { value: number }> }).counters;
  return Object.fromEntries(VARNISH_COUNTERS.map((name) => [name.replace("MAIN.", ""), counters[name]?.value ?? 0]));
}

/** Headers nginx writes itself for a static file (or that belong to one connection), so they are not copied. */
const NGINX_OWN_HEADERS = new Set(["date", "content-length", "content-type", "content-encoding", "connection", "keep-alive", "transfer-encoding", "accept-ranges", "server", "last-modified", "etag"]);

/** Varnish's response headers as nginx add_header lines, so that nginx sends the page's headers too (about 2 KB with its CSP). */
function addHeaderLines(headers: IncomingHttpHeaders): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (NGINX_OWN_HEADERS.has(name) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      // nginx expands $ in add_header values and has no escape for it.
      if (one.includes("$")) throw new Error(`The page's ${name} header holds a "$", which nginx cannot send as is.`);
      lines.push(`add_header ${name} "${one.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}" always;`);
    }
  }
  return lines.join("\n      ");
}

/**
 * nginx serving the page from files: post.html as Varnish sends it to a client without Accept-Encoding,
 * and post.html.gz, the gzip bytes Varnish keeps and sends to one that accepts gzip (gzip_static), with
 * the headers Varnish sends, so both servers answer each request with the same body, Content-Encoding and
 * nearly the same headers. As many workers as CPUs (Varnish's threads use them all too), no access log
 * (Varnish writes its log to memory only).
 */
async function startNginx(dir: string, port: number, identity: Buffer, gzipped: Buffer | null, headers: IncomingHttpHeaders): Promise<{ pid: number; stop: () => Promise<void> }> {
  mkdirSync(path.join(dir, "root"), { recursive: true });
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  writeFileSync(path.join(dir, "root", "post.html"), identity);
  if (gzipped) writeFileSync(path.join(dir, "root", "post.html.gz"), gzipped);
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/root;
    gzip off;
    gzip_static ${gzipped ? "on" : "off"};
    etag off;
    location / {
      default_type "text/html; charset=utf-8";
      ${addHeaderLines(headers)}
    }
  }
}
`,
  );
  const child = spawn("/usr/sbin/nginx", ["-c", conf, "-p", dir], { stdio: "inherit" });
  for (let i = 0; i < 100 && !(await isListening(port)); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT");
      }),
  };
}

function row(name: string, result: LoadResult): string {
  return `${name.padEnd(8)} ${String(result.connections).padStart(4)}  ${String(result.requestsPerSecond).padStart(9)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  CPU ${result.serverCpuMsPerRequest ?? "?"} ms/req  non-2xx ${result.non2xx}  errors ${result.errors}  ${result.bytesPerResponse} B/resp`;
}

async function throughput(stack: ClusterStack, work: string, slug: string, result: EdgeResult): Promise<void> {
  const varnish = originOf(stack.ports.varnish);
  const nginxPort = stack.ports.varnish + 1;
  const url = `${varnish}${postPath(slug)}`;
  // Cached in Varnish: a second read is a hit.
  await rawGet(url, requestHeaders);
  const sent = await rawGet(url, requestHeaders);
  if (sent.status !== 200 || sent.headers["x-cache"] !== "HIT") throw new Error(`The post page is not cached by Varnish (status ${sent.status}, X-Cache ${sent.headers["x-cache"]})`);
  if (!["gzip", "identity"].includes(sent.encoding)) throw new Error(`Varnish sent the page as ${sent.encoding}; the bench serves gzip or identity files.`);
  const identity = sent.encoding === "gzip" ? gunzipSync(sent.body) : sent.body;
  const plain = await rawGet(url, {});
  if (!plain.body.equals(identity)) throw new Error("Varnish's gunzipped page differs from its gzip page: the bench cannot give nginx the same bytes.");

  const nginx = await startNginx(path.join(work, "nginx"), nginxPort, identity, sent.encoding === "gzip" ? sent.body : null, sent.headers);
  const nginxUrl = `${originOf(nginxPort)}/post.html`;
  try {
    const check = await rawGet(nginxUrl, requestHeaders);
    if (check.status !== 200 || check.encoding !== sent.encoding || !check.body.equals(sent.body)) {
      throw new Error(`nginx does not answer with Varnish's bytes (${check.status}, ${check.encoding} ${check.body.length} B against ${sent.encoding} ${sent.body.length} B)`);
    }
    result.page = { path: postPath(slug), bytes: identity.length, wireBytes: sent.body.length, encoding: sent.encoding };
    const varnishWork = path.join(stack.workDir, "varnish", "work");
    const varnishPid = varnishdPid();
    console.log(
      `\nCached post page: ${identity.length} bytes, sent as ${sent.encoding} (${sent.body.length} bytes) by both; ${encoding === "gzip" ? `Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}` : "no Accept-Encoding"}; ` +
        `${rounds} interleaved rounds of ${seconds} s after 1 s of warm-up:`,
    );
    for (const connections of connectionCounts) {
      const varnishRounds: LoadResult[] = [];
      const nginxRounds: LoadResult[] = [];
      const before = varnishCounters(varnishWork);
      for (let round = 0; round < rounds; round += 1) {
        const warmup = round === 0 ? 1 : 0;
        varnishRounds.push(await load(url, connections, seconds, warmup, () => (varnishPid ? treeCpuMs(varnishPid) : null), requestHeaders));
        nginxRounds.push(await load(nginxUrl, connections, seconds, warmup, () => treeCpuMs(nginx.pid), requestHeaders));
      }
      const after = varnishCounters(varnishWork);
      const counters = Object.fromEntries(Object.keys(after).map((name) => [name, after[name]! - before[name]!]));
      const run: EdgeThroughput = {
        connections,
        varnish: combineRounds(varnishRounds),
        nginx: combineRounds(nginxRounds),
        varnishCounters: counters,
        loadAverage: loadavg(),
      };
      result.throughput.push(run);
      console.log(row("varnish", run.varnish));
      console.log(row("nginx", run.nginx));
      console.log(
        `ratio    ${String(connections).padStart(4)}  ${Math.round((run.varnish.requestsPerSecond / run.nginx.requestsPerSecond) * 100)} % of nginx's req/s (target ≥ 50 %); ` +
          `Varnish counted ${counters.client_req} requests (warm-up included): ${counters.cache_hit} hits, ${counters.cache_miss} misses, ${counters.cache_hitpass} hit-for-pass, ${counters.cache_hitmiss} hit-for-miss, ${counters.s_pass} passes; ` +
          `load average ${run.loadAverage.map((n) => n.toFixed(2)).join(" ")}`,
      );
    }
  } finally {
    await nginx.stop();
  }
}

async function publishToVisible(stack: ClusterStack, adminEmail: string, adminPassword: string, authorId: string): Promise<PublishTimes> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const varnish = originOf(stack.ports.varnish);
  const times: Record<"A" | "B" | "Varnish", number[]> = { A: [], B: [], Varnish: [] };
  try {
    const page = await (await browser.newContext({ baseURL: stack.appOrigin("a") })).newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(adminEmail);
    await page.getByLabel("Password").fill(adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/admin$/);
    const targets = { A: stack.appOrigin("a"), B: stack.appOrigin("b"), Varnish: varnish };
    for (let i = 0; i < publishes; i += 1) {
      const title = `Edge bench publish ${i} ${Date.now()}`;
      const post = await createPost({ authorId, title, status: "DRAFT" });
      await page.goto(`/admin/posts/${post.id}`);
      const publish = page.getByRole("button", { name: "Publish", exact: true });
      await publish.waitFor();
      // A miss before the publish, so each cache in the path has a "not found" it must drop.
      await Promise.all(Object.values(targets).map((origin) => fetch(origin + postPath(post.slug)).then((response) => response.text())));
      const started = performance.now();
      await publish.click();
      await Promise.all(
        (Object.entries(targets) as [keyof typeof times, string][]).map(async ([name, origin]) => {
          for (;;) {
            const response = await fetch(origin + postPath(post.slug));
            const text = await response.text();
            if (response.status === 200 && text.includes(title)) break;
            if (performance.now() - started > 30_000) throw new Error(`${title} not visible on ${name} after 30 s`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          times[name].push(performance.now() - started);
        }),
      );
      await page.getByText("Published.", { exact: true }).waitFor();
    }
  } finally {
    await browser.close();
  }
  const summary: PublishTimes = { publishes, targets: {} };
  for (const [name, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    summary.targets[name] = { p50: Math.round(percentile(sorted, 0.5)), p99: Math.round(percentile(sorted, 0.99)), max: Math.round(sorted.at(-1) ?? Number.NaN) };
  }
  return summary;
}

async function main(): Promise<void> {
  const result: EdgeResult = { requestHeaders, throughput: [], publish: null };
  const unavailable = edgeUnavailable();
  if (unavailable) {
    result.skipped = unavailable;
    console.log(`Edge bench skipped: ${unavailable}.`);
  } else {
    if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must name a migrated database on this machine");
    process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
    const ports = clusterPorts();
    const work = path.join(tmpdir(), `quire-bench-edge-${process.pid}`);
    const stack = new ClusterStack({ ports, workDir: work, env: { ...process.env } });
    const stop = async () => {
      await stack.stop();
      rmSync(work, { recursive: true, force: true });
    };
    process.once("SIGINT", () => void stop().then(() => process.exit(130)));
    console.log(`Starting two instances, Redis and Varnish (ports ${JSON.stringify(ports)}); logs in ${work}`);
    try {
      await stack.start();
      const admin = await createUser("ADMIN", "Edge Bench Admin");
      const post = await createPost({
        authorId: admin.id,
        title: `Edge bench post ${Date.now()}`,
        status: "PUBLISHED",
        paragraphs: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of a post of ordinary length, with enough words to weigh what a real one does on the wire.`),
      });
      await throughput(stack, work, post.slug, result);
      result.publish = await publishToVisible(stack, admin.email, admin.password, admin.id);
    } finally {
      await stop();
    }
  }
  printEdge(result);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
