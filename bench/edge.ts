/**
 * `npm run bench:edge`: the edge profile of issue 12, on the several-instance stack of the cluster suite
 * (e2e/cluster/stack.ts: two instances of one build, one PostgreSQL, their own Redis, Varnish with
 * deploy/varnish/default.vcl in front).
 *
 *   1. A cached post page through Varnish at 10 and 50 connections, against nginx serving the same
 *      bytes from a file (the ratio is the figure; target: Varnish at least 50 % of nginx's req/s).
 *   2. Publish to visible: ~50 publishes in the editor on instance A (Chromium), each timed from the
 *      click until the post page answers 200 with the post on A, on B and through Varnish (p50/p99).
 *
 *   QUIRE_DIST_DIR=.next-edge DATABASE_URL=postgresql://postgres@localhost:5432/quire_edge E2E_CLUSTER_PORT=3251 \
 *     npx tsx --conditions=react-server bench/edge.ts [--seconds 5] [--publishes 50]
 *
 * Needs a build in QUIRE_DIST_DIR (npm test builds .next-test), a migrated database with the first-run
 * setup done, Debian's varnish, varnish-modules and nginx (.ci/run installs them), and redis-server.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { ClusterStack, clusterPorts, isListening, originOf } from "../e2e/cluster/stack";
import { createPost, createUser } from "../e2e/support/factories";
import { postPath } from "../lib/paths";
import { load, type LoadResult } from "./load";

const { values: options } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, publishes: { type: "string", default: "50" }, connections: { type: "string", default: "10,50" } },
});
const seconds = Number(options.seconds);
const publishes = Number(options.publishes);
const connectionCounts = options.connections.split(",").map(Number);

if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must name a migrated database on this machine");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
const ports = clusterPorts();
const work = path.join(tmpdir(), `quire-bench-edge-${process.pid}`);
const stack = new ClusterStack({ ports, workDir: work, env: { ...process.env } });
const varnish = originOf(ports.varnish);
const nginxPort = ports.varnish + 1;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

async function startNginx(body: Buffer): Promise<() => Promise<void>> {
  const dir = path.join(work, "nginx");
  mkdirSync(path.join(dir, "root"), { recursive: true });
  writeFileSync(path.join(dir, "root", "post.html"), body);
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
    listen 127.0.0.1:${nginxPort};
    root ${dir}/root;
    location / { default_type "text/html; charset=utf-8"; }
  }
}
`,
  );
  const child = spawn("/usr/sbin/nginx", ["-c", conf, "-p", dir], { stdio: "inherit" });
  for (let i = 0; i < 100 && !(await isListening(nginxPort)); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  return () =>
    new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGQUIT");
    });
}

function row(name: string, result: LoadResult): string {
  return `${name.padEnd(8)} ${String(result.connections).padStart(4)}  ${String(result.requestsPerSecond).padStart(9)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  non-2xx ${result.non2xx}  errors ${result.errors}  ${result.bytesPerResponse} B/resp`;
}

async function throughput(slug: string): Promise<void> {
  const url = `${varnish}${postPath(slug)}`;
  // Cached in Varnish: a second read is a hit.
  await fetch(url).then((response) => response.text());
  const check = await fetch(url);
  const body = Buffer.from(await check.arrayBuffer());
  if (check.headers.get("x-cache") !== "HIT") throw new Error(`The post page is not cached by Varnish (X-Cache ${check.headers.get("x-cache")})`);
  const stopNginx = await startNginx(body);
  try {
    console.log(`\nCached post page (${body.length} bytes, uncompressed), ${seconds} s per run after 1 s of warm-up:`);
    for (const connections of connectionCounts) {
      const edge = await load(url, connections, seconds, 1, () => null);
      const plain = await load(`${originOf(nginxPort)}/post.html`, connections, seconds, 1, () => null);
      console.log(row("varnish", edge));
      console.log(row("nginx", plain));
      console.log(`ratio    ${String(connections).padStart(4)}  ${Math.round((edge.requestsPerSecond / plain.requestsPerSecond) * 100)} % of nginx's req/s (target ≥ 50 %)`);
    }
  } finally {
    await stopNginx();
  }
}

async function publishToVisible(adminEmail: string, adminPassword: string, authorId: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
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
  console.log(`\nPublish to visible, ${publishes} publishes (from the click in the editor on A; the editor's own round trip included):`);
  for (const [name, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${name.padEnd(8)} p50 ${Math.round(percentile(sorted, 0.5))} ms  p99 ${Math.round(percentile(sorted, 0.99))} ms  max ${Math.round(sorted.at(-1) ?? Number.NaN)} ms  (target p99 ≤ 1000 ms)`);
  }
}

async function main(): Promise<void> {
  console.log(`Starting two instances, Redis and Varnish (ports ${JSON.stringify(ports)}); logs in ${work}`);
  await stack.start();
  try {
    const admin = await createUser("ADMIN", "Edge Bench Admin");
    const post = await createPost({
      authorId: admin.id,
      title: `Edge bench post ${Date.now()}`,
      status: "PUBLISHED",
      paragraphs: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of a post of ordinary length, with enough words to weigh what a real one does on the wire.`),
    });
    await throughput(post.slug);
    await publishToVisible(admin.email, admin.password, admin.id);
  } finally {
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stack.stop();
  process.exit(1);
});
