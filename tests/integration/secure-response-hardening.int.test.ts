/**
 * The response layer of scripts/server.mjs between a real node:http server and a stand-in for Next's
 * handler that writes as Next does (headers set one by one, flushHeaders, chunks, behind Next's own
 * compression middleware), with the page response cache wired in the same order. Real pages in Chromium
 * are covered by e2e/hardening.spec.ts.
 */
import { createHash } from "node:crypto";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secureResponse } from "@/lib/http/secure-response";
import { PageResponseCache } from "@/lib/cache/replay";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as (options?: object) => Middleware;

const THEME = 'document.documentElement.dataset.theme="dark"';
const FLIGHT = 'self.__next_f.push([1,"' + "x".repeat(3000) + '"])';
const PAGE = `<!DOCTYPE html><html><head><script>${THEME}</script><script src="/_next/a.js"></script></head><body><main>Hello</main><script type="application/ld+json">{}</script><script>${FLIGHT}</script></body></html>`;
const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

let server: Server;
let origin: string;
let cache: PageResponseCache;
let calls: number;
/** Lets a test hold the stand-in between its first and second chunk. */
let gate: Promise<void> | null;

/** Writes like Next: headers set one by one, then flushHeaders, then the body in chunks through compression. */
async function next(req: IncomingMessage, res: ServerResponse) {
  calls += 1;
  const path = req.url ?? "/";
  if (path.startsWith("/feed")) {
    res.setHeader("Content-Type", "application/rss+xml");
    res.flushHeaders();
    res.write("<rss>");
    if (gate) await gate;
    res.end("</rss>");
    return;
  }
  if (path === "/not-modified") {
    res.statusCode = 304;
    res.end();
    return;
  }
  if (path === "/head-form") {
    res.writeHead(404, { "Content-Type": "text/html; charset=utf-8", "X-Test": "1" });
    res.end(PAGE);
    return;
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", path.startsWith("/admin") ? "private, no-cache" : "s-maxage=3600");
  res.setHeader("Vary", "rsc, Accept-Encoding");
  res.setHeader("x-nextjs-cache", "HIT");
  res.flushHeaders();
  const half = Math.floor(PAGE.length / 2);
  res.write(PAGE.slice(0, half));
  await new Promise((resolve) => setImmediate(resolve));
  res.end(PAGE.slice(half));
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer; firstByte: Promise<void> }> {
  return new Promise((resolve, reject) => {
    httpRequest(origin + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), firstByte: Promise.resolve() }));
    })
      .on("error", reject)
      .end();
  });
}

beforeEach(async () => {
  calls = 0;
  gate = null;
  // Pages kept on their first request, as these tests expect.
  cache = new PageResponseCache({ admissionKeys: 0 });
  const compress = compression();
  server = createServer((req, res) => {
    // The order of scripts/server.mjs: replay, capture, secure, then Next (whose first step is compression).
    if (cache.serve(req, res)) return;
    cache.capture(req, res);
    secureResponse(req, res);
    compress(req, res, () => void next(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("secureResponse", () => {
  it("sends an HTML page with a policy listing the hashes of exactly its executable inline scripts", async () => {
    const page = await get("/blog/a");
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe(PAGE);
    expect(page.headers["content-length"]).toBe(String(page.body.length));
    const policy = String(page.headers["content-security-policy"]);
    expect(policy.match(/script-src [^;]*/)![0]).toBe(`script-src 'self' ${sha(THEME)} ${sha(FLIGHT)}`);
    expect(policy).toContain("default-src 'self'");
  });

  it("hashes a compressed page as the browser will read it, and sends it compressed", async () => {
    const page = await get("/blog/a", { "Accept-Encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(page.body).toString()).toBe(PAGE);
    expect(page.headers["content-security-policy"]).toContain(sha(FLIGHT));
  });

  it("keeps the policy with a page the replay cache keeps, so a replay needs no hashing", async () => {
    const first = await get("/blog/a", { "Accept-Encoding": "gzip" });
    const replayed = await get("/blog/a", { "Accept-Encoding": "gzip" });
    expect(calls).toBe(1);
    expect(replayed.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    expect(replayed.body.equals(first.body)).toBe(true);
  });

  it("revalidates a replayed page with a 304 that carries its policy, which the browser applies to its copy", async () => {
    const first = await get("/blog/a");
    const replayed = await get("/blog/a");
    const notModified = await get("/blog/a", { "If-None-Match": String(replayed.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
  });

  it("gives a 304 written by the handler no policy of its own", async () => {
    const notModified = await get("/not-modified");
    expect(notModified.status).toBe(304);
    expect(notModified.headers["content-security-policy"]).toBeUndefined();
  });

  it("takes headers given to writeHead into account", async () => {
    const page = await get("/head-form");
    expect(page.status).toBe(404);
    expect(page.headers["x-test"]).toBe("1");
    expect(page.headers["content-security-policy"]).toContain(sha(THEME));
  });

  it("marks admin responses no-store", async () => {
    const page = await get("/admin/posts/1");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect((await get("/blog/a")).headers["cache-control"]).toBe("s-maxage=3600");
  });

  it("streams other responses at once, with the policy without hashes", async () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const headersArrived = new Promise<IncomingHttpHeaders>((resolve, reject) => {
      httpRequest(origin + "/feed", (res) => {
        resolve(res.headers);
        res.resume();
      })
        .on("error", reject)
        .end();
    });
    // The stand-in is still waiting on the gate: the head must already be here.
    const headers = await headersArrived;
    release();
    expect(headers["content-type"]).toBe("application/rss+xml");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self';/);
  });
});
