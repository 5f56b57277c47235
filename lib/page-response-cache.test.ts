import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheKey, matchesEtag, PageResponseCache, sharedMaxAgeSeconds, type PageResponseCacheOptions } from "@/lib/page-response-cache";

/** What the stand-in for Next answers for a path; `calls` counts the requests that reached it. */
interface Page {
  status?: number;
  cache?: string;
  cacheControl?: string;
  body: string;
  setCookie?: boolean;
  /** Sends the body in pieces, as a streamed render does. */
  chunked?: boolean;
  /** Answers only once `release` is called, to put a write in the middle of a request. */
  gate?: Promise<void>;
}

let pages: Record<string, Page>;
let calls: string[];
let clock: number;
let cache: PageResponseCache;
let server: Server;
let origin: string;

async function startServer(options: Partial<PageResponseCacheOptions> = {}) {
  cache = new PageResponseCache({ now: () => clock, ...options });
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
  res.setHeader("Vary", "rsc, Accept-Encoding");
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

async function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  // fetch asks for gzip unless told otherwise.
  const response = await fetch(origin + path, { method, headers: { "accept-encoding": "identity", ...headers } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: body.toString("utf8") };
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
    expect(second.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength("<p>post a</p>")));
    expect(second.headers.get("etag")).toMatch(/^"[\w-]{43}"$/);
    expect(second.headers.get("date")).toBeTruthy();
    expect(cache.size).toBe(1);
  });

  it("keeps a body written in pieces, strings and buffers alike", async () => {
    pages["/blog/a"] = { body: "<html>" + "x".repeat(5000) + "</html>", chunked: true };
    await get("/blog/a");
    expect((await get("/blog/a")).text).toBe(pages["/blog/a"].body);
    expect(calls).toHaveLength(1);
  });

  it("keeps each encoding apart: a gzip answer is never sent to a client that did not ask for it", async () => {
    await get("/blog/a", { "accept-encoding": "gzip" });
    const plain = await get("/blog/a", { "accept-encoding": "identity" });
    expect(plain.text).toBe("<p>post a</p>");
    const zipped = await fetch(origin + "/blog/a", { headers: { "accept-encoding": "gzip" } });
    // fetch decodes gzip itself; the header shows what was sent.
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await zipped.text()).toBe("<p>post a</p>");
    expect(calls).toEqual(["GET /blog/a", "GET /blog/a"]);
  });

  it("replays the compressed bytes Next sent", async () => {
    await get("/blog/a", { "accept-encoding": "gzip" });
    const raw = await new Promise<Buffer>((resolve, reject) => {
      // A raw request, so the body is not decoded on the way.
      import("node:http").then(({ get: httpGet }) =>
        httpGet(origin + "/blog/a", { headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve(Buffer.concat(chunks)));
        }).on("error", reject),
      );
    });
    expect(gunzipSync(raw).toString()).toBe("<p>post a</p>");
    expect(calls).toHaveLength(1);
  });

  it("answers If-None-Match with 304 and the validators, and a changed tag with the page", async () => {
    const { headers } = await get("/blog/a");
    await get("/blog/a");
    const etag = (await get("/blog/a")).headers.get("etag")!;
    expect(headers.get("etag")).toBeNull(); // Next's own answer carries none
    const notModified = await get("/blog/a", { "if-none-match": `"other", W/${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toHaveLength(0);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(notModified.headers.get("cache-control")).toBe("s-maxage=86400, stale-while-revalidate=2505600");
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
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength("<p>post b</p>")));
    expect(calls).toHaveLength(3);
  });

  it.each([
    ["rendered for this request", { cache: "MISS" }],
    ["served stale while Next revalidates", { cache: "STALE" }],
    ["not found", { status: 404 }],
    ["private", { cacheControl: "private, no-cache, no-store, max-age=0, must-revalidate" }],
    ["without a shared lifetime", { cacheControl: "s-maxage=0" }],
    ["setting a cookie", { setCookie: true }],
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

  it("hands admin, API and asset paths to Next", () => {
    for (const url of ["/admin", "/admin/posts", "/api/auth/session", "/_next/static/x.js"]) {
      expect(cacheKey({ method: "GET", url, rawHeaders: [], headers: {} } as unknown as IncomingMessage)).toBeNull();
    }
    expect(cacheKey({ method: "GET", url: "/administrators", rawHeaders: [], headers: {} } as unknown as IncomingMessage)).not.toBeNull();
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

  it("evicts the least recently used entries past its byte limit, and skips responses too large to keep", async () => {
    await new Promise((resolve) => server.close(resolve));
    await startServer({ maxBytes: 30, maxEntryBytes: 20 });
    pages["/c"] = { body: "c".repeat(12) };
    pages["/large"] = { body: "L".repeat(21) };
    await get("/blog/a"); // 13 bytes
    await get("/blog/b"); // 13 bytes
    await get("/blog/a"); // a is now the most recent
    await get("/c"); // 12 bytes: b must go
    expect(cache.bytes).toBe(25);
    calls = [];
    await get("/blog/a");
    await get("/c");
    await get("/blog/b");
    expect(calls).toEqual(["GET /blog/b"]);
    await get("/large");
    await get("/large");
    expect(calls.filter((call) => call === "GET /large")).toHaveLength(2);
  });

  it("is emptied by a content write and serves nothing until the write's invalidations are applied", async () => {
    await get("/blog/a");
    const release = cache.hold();
    expect(cache.size).toBe(0);
    // Meanwhile Next may still answer with the old page: it must not be kept.
    await get("/blog/a");
    await get("/blog/a");
    expect(calls).toHaveLength(3);
    release();
    release(); // a second call changes nothing
    pages["/blog/a"] = { body: "<p>post a, edited</p>" };
    expect((await get("/blog/a")).text).toBe("<p>post a, edited</p>");
    expect((await get("/blog/a")).text).toBe("<p>post a, edited</p>");
    expect(calls).toHaveLength(4);
  });

  it("stays out of the way while any of several writes is pending", async () => {
    const first = cache.hold();
    const second = cache.hold();
    first();
    await get("/blog/a");
    await get("/blog/a");
    expect(calls).toHaveLength(2);
    second();
    await get("/blog/a");
    await get("/blog/a");
    expect(calls).toHaveLength(3);
  });

  it("does not keep a response that began before a write and finished after it", async () => {
    let open!: () => void;
    pages["/blog/a"] = { body: "<p>old</p>", gate: new Promise((resolve) => (open = resolve)) };
    const inFlight = get("/blog/a");
    await new Promise((resolve) => setTimeout(resolve, 20));
    cache.hold()();
    open();
    expect((await inFlight).text).toBe("<p>old</p>");
    pages["/blog/a"] = { body: "<p>new</p>" };
    expect((await get("/blog/a")).text).toBe("<p>new</p>");
    expect(calls).toHaveLength(2);
  });
});

describe("sharedMaxAgeSeconds", () => {
  it.each([
    ["s-maxage=86400, stale-while-revalidate=2505600", 86400],
    ["public, max-age=300", 300],
    ["max-age=60, s-maxage=600", 600],
    ["private, max-age=60", null],
    ["no-store", null],
    ["no-cache, s-maxage=60", null],
    ["stale-while-revalidate=60", null],
    ["s-maxage=soon", null],
    [undefined, null],
  ])("%s → %s", (value, expected) => {
    expect(sharedMaxAgeSeconds(value)).toBe(expected);
  });
});

describe("matchesEtag", () => {
  it("compares weakly, in a list, and with *", () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEtag("*", '"abc"')).toBe(true);
    expect(matchesEtag('"abcd"', '"abc"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
  });
});
