/**
 * Load test of one post page against a static-file baseline in the same run, so the result reads as a
 * ratio. Needs a running production server (`npm start`):
 *
 *   npx tsx bench/post-page.ts [--url http://localhost:3000] [--path /blog/<slug>] [--connections 50] [--seconds 10]
 *
 * Sends traffic to loopback only; every run is bounded by --seconds.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    path: { type: "string" },
    connections: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
  },
});

const base = new URL(values.url!);
if (!["localhost", "127.0.0.1", "[::1]"].includes(base.hostname)) throw new Error("The benchmark only targets this machine.");
const connections = Number(values.connections);
const duration = Math.min(Number(values.seconds), 60);

async function firstPostPath(): Promise<string> {
  const home = await (await fetch(new URL("/", base))).text();
  const match = /href="(\/blog\/[^"]+)"/.exec(home);
  if (!match?.[1]) throw new Error("No post link on the home page; is the site running with content?");
  return match[1];
}

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytes: number;
}

async function load(name: string, url: string, bytes: number): Promise<Result> {
  await autocannon({ url, connections, duration: 2 }); // warm-up
  const result = await autocannon({ url, connections, duration });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes,
  };
}

async function main() {
  const path = values.path ?? (await firstPostPath());
  const pageUrl = new URL(path, base).toString();
  const response = await fetch(pageUrl);
  if (response.status !== 200) throw new Error(`${pageUrl} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());

  const staticServer = createServer((_request, reply) => {
    reply.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    reply.end(body);
  });
  await new Promise<void>((resolve) => staticServer.listen(0, "127.0.0.1", resolve));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;

  try {
    const baseline = await load("static file (node http, same bytes)", staticUrl, body.length);
    const page = await load(`post page ${path}`, pageUrl, body.length);
    console.log(`\n${connections} connections, ${duration} s each, ${body.length} bytes per response\n`);
    console.log("| target | req/s | p50 ms | p99 ms | errors | non-2xx |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of [baseline, page]) {
      console.log(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
    }
    console.log(`\npost page / static baseline: ${(page.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)} of the requests per second`);
  } finally {
    staticServer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
