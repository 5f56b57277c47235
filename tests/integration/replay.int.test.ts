/**
 * The page response cache between a real node:http server and a stand-in for Next's handler, wired
 * as scripts/server.mjs wires it. (Next's own behaviour behind it is covered by e2e/cache.spec.ts.)
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PageResponseCache, type PageResponseCacheOptions } from "@/lib/cache/replay";

/** What the stand-in for Next answers for a path; `calls` counts the requests that reached it. */
interface Page {
  status?: number;
  cache?: string;
  cacheControl?: string;
  body: string;
  setCookie?: boolean;
  vary?: string;
  /** Sends the body in pieces, as a streamed render does. */
  chunked?: boolean;
  /** Answers only once `release` is called, to put a write in the middle of a request. */
  gate?: Promise<void>;
}

let pages: Record<string, Page>;
let calls: string[];
let clock: number;
let cache: PageResponseCache;
/** What the cache runtime would call on an invalidation (here or on another instance). */
let invalidations: Array<(tags: readonly string[], source: "local" | "remote") => void>;
const invalidate = (tags: string[] = ["post:a"]) => invalidations.forEach((listener) => listener(tags, "remote"));
let server: Server;
let origin: string;

async function startServer(options: Partial<PageResponseCacheOptions> = {}) {
  // Pages are kept on their first request here; admission has its own test.
  cache = new PageResponseCache({ now: () => clock, admissionKeys: 0, ...options });
  invalidations = [];
  cache.attach({ onInvalidate: (listener) => (invalidations.push(listener), () => undefined) });
  server = createServer((req, res) => {
    // The same order as scripts/server.mjs.
    if (cache.serve(req, res)) return;
    cache.capture(req, res);
    void next(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A stand-in for Next's handler: headers set one by one, then the body, compressed when asked. */
async function next(req: IncomingMessage, res: ServerResponse) {
  calls.push(`${req.method} ${req.url}`);
  const page = pages[req.url!.split("?")[0]!];
  if (page?.gate) await page.gate;
  if (!page) {
    res.statusCode = 404;
    res.end("not found");
    return;
  }
  res.statusCode = page.status ?? 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Vary", page.vary ?? "rsc, next-router-state-tree, Accept-Encoding");
  res.setHeader("x-nextjs-cache", page.cache ?? "HIT");
  res.setHeader("Cache-Control", page.cacheControl ?? "s-maxage=86400, stale-while-revalidate=2505600");
  if (page.setCookie) res.setHeader("Set-Cookie", "session=1");
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(page.body) : Buffer.from(page.body);
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  if (page.chunked) {
    res.write(body.subarray(0, 10));
    res.write(body.subarray(10).toString("latin1"), "latin1");
    res.end();
  } else {
    res.end(body);
  }
}

/** A request with exactly these headers (fetch would add its own Accept-Encoding); the body as sent. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer; text: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(origin + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString("utf8") });
      });
    })
      .on("error", reject)
      .end();
  });
}

beforeEach(async () => {
  pages = { "/blog/a": { body: "<p>post a</p>" }, "/blog/b": { body: "<p>post b</p>" } };
  calls = [];
  clock = 1_000_000;
  await startServer();
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("PageResponseCache", () => {
  it("replays a page Next served from its cache, with its headers, a length and an ETag", async () => {
    const first = await get("/blog/a");
    const second = await get("/blog/a");
    expect(calls).toEqual(["GET /blog/a"]);
    expect(second.text).toBe("<p>post a</p>");
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
    expect(second.headers["cache-control"]).toBe(first.headers["cache-control"]);
    expect(second.headers.vary).toBe(first.headers.vary);
    expect(second.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(second.headers["content-length"]).toBe(String(Buffer.byteLength("<p>post a</p>")));
    expect(second.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect(second.headers.date).toBeTruthy();
    expect(cache.size).toBe(1);
  });

  it("keeps a body written in pieces, strings and buffers alike", async () => {
    pages["/blog/a"] = { body: "<html>" + "x".repeat(5000) + "</html>", chunked: true };
    await get("/blog/a");
    expect((await get("/blog/a")).text).toBe(pages["/blog/a"].body);
    expect(calls).toHaveLength(1);
  });

  it("keeps each encoding apart: a gzip answer is never sent to a client that did not ask for it", async () => {
    await get("/blog/a", { "accept-encoding": "gzip, deflate, br, zstd" });
    const plain = await get("/blog/a");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe("<p>post a</p>");
    expect((await get("/blog/a", { "accept-encoding": "br" })).text).toBe("<p>post a</p>");
    expect(calls).toEqual(["GET /blog/a", "GET /blog/a"]);
  });

  it("replays the compressed bytes Next sent to every client whose Accept-Encoding picks gzip", async () => {
    await get("/blog/a", { "accept-encoding": "gzip, deflate, br, zstd" });
    for (const acceptEncoding of ["gzip, deflate, br, zstd", "deflate, gzip", "gzip"]) {
      const zipped = await get("/blog/a", { "accept-encoding": acceptEncoding });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers["content-length"]).toBe(String(zipped.body.length));
      expect(gunzipSync(zipped.body).toString()).toBe("<p>post a</p>");
    }
    expect(calls).toHaveLength(1);
  });

  it("hands Accept-Encoding values with quality values or wildcards to Next", async () => {
    for (const acceptEncoding of ["gzip;q=0", "gzip;q=0, identity", "*", "identity, gzip"]) {
      await get("/blog/a", { "accept-encoding": acceptEncoding });
      await get("/blog/a", { "accept-encoding": acceptEncoding });
    }
    expect(calls).toHaveLength(8);
    expect(cache.size).toBe(0);
  });

  it("answers If-None-Match with 304 and the validators, and a changed tag with the page", async () => {
    const { headers } = await get("/blog/a");
    await get("/blog/a");
    const etag = String((await get("/blog/a")).headers.etag);
    expect(headers.etag).toBeUndefined(); // Next's own answer carries none
    const notModified = await get("/blog/a", { "if-none-match": `"other", W/${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toHaveLength(0);
    expect(notModified.headers.etag).toBe(etag);
    expect(notModified.headers["cache-control"]).toBe("s-maxage=86400, stale-while-revalidate=2505600");
    expect(notModified.headers.vary).toBe("rsc, next-router-state-tree, Accept-Encoding");
    expect((await get("/blog/a", { "if-none-match": '"stale"' })).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it("answers HEAD from a kept GET without a body, and never keeps a HEAD", async () => {
    await get("/blog/b", {}, "HEAD");
    await get("/blog/b", {}, "HEAD");
    expect(calls).toEqual(["HEAD /blog/b", "HEAD /blog/b"]);
    await get("/blog/b");
    const head = await get("/blog/b", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toHaveLength(0);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength("<p>post b</p>")));
    expect(calls).toHaveLength(3);
  });

  it.each([
    ["rendered for this request", { cache: "MISS" }],
    ["served stale while Next revalidates", { cache: "STALE" }],
    ["not found", { status: 404 }],
    ["private", { cacheControl: "private, no-cache, no-store, max-age=0, must-revalidate" }],
    ["without a shared lifetime", { cacheControl: "s-maxage=0" }],
    ["setting a cookie", { setCookie: true }],
    ["that varies on the cookie", { vary: "rsc, Accept-Encoding, Cookie" }],
  ])("never keeps a response %s", async (_label, page: Partial<Page>) => {
    pages["/blog/a"] = { body: "<p>post a</p>", ...page };
    await get("/blog/a");
    await get("/blog/a");
    expect(calls).toEqual(["GET /blog/a", "GET /blog/a"]);
    expect(cache.size).toBe(0);
  });

  it.each([
    ["a query string", "/blog/a?utm=x", {}],
    ["an RSC request", "/blog/a", { rsc: "1" }],
    ["a router prefetch", "/blog/a", { "next-router-prefetch": "1" }],
    ["a server action", "/blog/a", { "next-action": "abc" }],
    ["draft mode", "/blog/a", { cookie: "a=1; __prerender_bypass=x" }],
    ["a range", "/blog/a", { range: "bytes=0-3" }],
  ])("always hands %s to Next", async (_label, path, headers: Record<string, string>) => {
    await get(path, headers);
    await get(path, headers);
    expect(calls).toHaveLength(2);
  });

  it("forgets an entry after its lifetime, and sooner when the page's s-maxage is shorter", async () => {
    pages["/blog/b"] = { body: "<p>b</p>", cacheControl: "s-maxage=5, stale-while-revalidate=60" };
    await get("/blog/a");
    await get("/blog/b");
    clock += 5_000;
    await get("/blog/a");
    await get("/blog/b");
    expect(calls).toEqual(["GET /blog/a", "GET /blog/b", "GET /blog/b"]);
    clock += 55_000;
    await get("/blog/a");
    expect(calls.at(-1)).toBe("GET /blog/a");
    expect(calls).toHaveLength(4);
  });

  it("evicts the least recently used entries past its entry limit", async () => {
    await new Promise((resolve) => server.close(resolve));
    await startServer({ maxEntries: 2 });
    pages["/c"] = { body: "<p>c</p>" };
    await get("/blog/a");
    await get("/blog/b");
    await get("/blog/a"); // a is now the most recent
    await get("/c"); // b must go
    calls = [];
    await get("/blog/a");
    await get("/c");
    await get("/blog/b");
    expect(calls).toEqual(["GET /blog/b"]);
  });

  it("counts headers and keys against its byte limit, and skips responses too large to keep", async () => {
    await new Promise((resolve) => server.close(resolve));
    await startServer({ maxBytes: 2_000, maxEntryBytes: 1_900 });
    await get("/blog/a");
    const small = cache.bytes;
    expect(small).toBeGreaterThan(Buffer.byteLength("<p>post a</p>") + 150);
    pages["/large"] = { body: "L".repeat(1_901) };
    await get("/large");
    await get("/large");
    expect(calls.filter((call) => call === "GET /large")).toHaveLength(2);
    // With about as many bytes of headers as a: fits alone, not beside a.
    pages["/big"] = { body: "B".repeat(2_000 - small - 20) };
    await get("/big");
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBeLessThanOrEqual(2_000);
    calls = [];
    await get("/big");
    await get("/blog/a");
    expect(calls).toEqual(["GET /blog/a"]);
  });

  it("is emptied by an invalidation heard from the cache runtime", async () => {
    await get("/blog/a");
    await get("/blog/b");
    expect(cache.size).toBe(2);
    invalidate();
    expect(cache.size).toBe(0);
    pages["/blog/a"] = { body: "<p>post a, edited</p>" };
    expect((await get("/blog/a")).text).toBe("<p>post a, edited</p>");
    expect((await get("/blog/a")).text).toBe("<p>post a, edited</p>");
    expect(calls).toEqual(["GET /blog/a", "GET /blog/b", "GET /blog/a"]);
  });

  it("keeps a page only on its second request when admission is on, so one-off URLs evict nothing", async () => {
    server.close();
    await startServer({ admissionKeys: 100, maxEntries: 2 });
    await get("/blog/a");
    await get("/blog/a");
    expect(cache.size).toBe(1);
    // A walk over many pages, each asked for once, leaves the page readers come back to in place.
    for (let i = 0; i < 50; i++) {
      pages[`/p/${i}`] = { body: `<p>${i}</p>` };
      await get(`/p/${i}`);
    }
    calls = [];
    await get("/blog/a");
    expect(calls).toEqual([]);
  });

  it("does not keep a URL that is not the canonical form of its path", async () => {
    // (Dot-segments are covered by canonical-path.test.ts: the client here removes them before sending.)
    pages["/blog/%61"] = { body: "<p>variant</p>" };
    pages["/blog/caf%c3%a9"] = { body: "<p>variant</p>" };
    await get("/blog/%61");
    await get("/blog/%61");
    await get("/blog/caf%c3%a9");
    expect(cache.size).toBe(0);
    expect(calls).toHaveLength(3);
  });

  it("does not keep a response that began before a write and finished after it", async () => {
    let open!: () => void;
    pages["/blog/a"] = { body: "<p>old</p>", gate: new Promise((resolve) => (open = resolve)) };
    const inFlight = get("/blog/a");
    await new Promise((resolve) => setTimeout(resolve, 20));
    invalidate();
    open();
    expect((await inFlight).text).toBe("<p>old</p>");
    pages["/blog/a"] = { body: "<p>new</p>" };
    expect((await get("/blog/a")).text).toBe("<p>new</p>");
    expect(calls).toHaveLength(2);
  });
});
