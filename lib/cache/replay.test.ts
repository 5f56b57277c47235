import { EventEmitter } from "node:events";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cacheKey, matchesEtag, negotiatedEncoding, PageResponseCache, publicLifetimeSeconds } from "@/lib/cache/replay";

function request(url: string, headers: Record<string, string> = {}, method = "GET"): IncomingMessage {
  return { method, url, headers, rawHeaders: Object.entries(headers).flat() } as unknown as IncomingMessage;
}

/** Just enough of a ServerResponse for the cache: headers, writes and the finish event. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: OutgoingHttpHeaders = {};
  body = "";
  getHeader(name: string) {
    return this.headers[name];
  }
  getHeaders() {
    return this.headers;
  }
  writeHead(status: number, headers: OutgoingHttpHeaders) {
    this.statusCode = status;
    this.headers = { ...headers };
    return this;
  }
  write(chunk: string) {
    this.body += chunk;
    return true;
  }
  end(chunk?: string) {
    if (chunk) this.body += chunk;
    this.emit("finish");
    return this;
  }
}

/** Next answering `url` from its cache, through `cache.capture`. */
function answerFromNextsCache(cache: PageResponseCache, url: string) {
  const res = new FakeResponse();
  cache.capture(request(url), res as unknown as ServerResponse);
  res.headers = { "x-nextjs-cache": "HIT", "cache-control": "s-maxage=60" };
  res.end("<p>page</p>");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("cacheKey", () => {
  it("keys a plain GET or HEAD of a public path by its encoding and path", () => {
    expect(cacheKey(request("/blog/a"))).toBe("identity /blog/a");
    expect(cacheKey(request("/blog/a", { "accept-encoding": "gzip, deflate, br, zstd" }, "HEAD"))).toBe("gzip /blog/a");
    expect(cacheKey(request("/administrators"))).toBe("identity /administrators");
  });

  it.each([
    ["a POST", request("/blog/a", {}, "POST")],
    ["a query string", request("/blog/a?utm=x")],
    ["the admin", request("/admin")],
    ["an admin page", request("/admin/posts")],
    ["the API", request("/api/auth/session")],
    ["an asset", request("/_next/static/x.js")],
    ["an absolute-form URL", request("http://example.com/blog/a")],
    ["a very long URL", request(`/blog/${"a".repeat(600)}`)],
    ["an RSC request", request("/blog/a", { RSC: "1" })],
    ["a router prefetch", request("/blog/a", { "Next-Router-Prefetch": "1" })],
    ["a range", request("/blog/a", { Range: "bytes=0-3" })],
    ["draft mode", request("/blog/a", { cookie: "a=1; __prerender_bypass=x" })],
    ["an Accept-Encoding it cannot read", request("/blog/a", { "accept-encoding": "gzip;q=0" })],
  ])("is null for %s", (_label, req) => {
    expect(cacheKey(req)).toBeNull();
  });
});

describe("negotiatedEncoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["br", "identity"],
    ["br, zstd", "identity"],
    ["gzip", "gzip"],
    ["gzip, deflate, br, zstd", "gzip"],
    ["deflate, gzip", "gzip"],
    ["GZIP,Deflate", "gzip"],
    ["deflate", "deflate"],
    ["deflate, br", "deflate"],
    ["gzip;q=0", null],
    ["gzip;q=1.0, deflate", null],
    ["*", null],
    ["identity", null],
    ["identity, gzip", null],
    ["gzip, x-custom", null],
    ["gzip,", null],
    [`gzip, ${"br, ".repeat(40)}zstd`, null],
  ])("%s → %s", (header, expected) => {
    expect(negotiatedEncoding(header)).toBe(expected);
  });
});

describe("publicLifetimeSeconds", () => {
  it.each([
    ["s-maxage=86400, stale-while-revalidate=2505600", 86400],
    ["public, max-age=300, stale-while-revalidate=600", 300],
    ["max-age=60, s-maxage=600", 600],
    ["public, max-age=0, must-revalidate", 0],
    ["private, max-age=60", null],
    ["no-store", null],
    ["no-cache, s-maxage=60", null],
    ["stale-while-revalidate=60", null],
    ["s-maxage=soon", null],
    [undefined, null],
  ])("%s → %s", (value, expected) => {
    expect(publicLifetimeSeconds(value)).toBe(expected);
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

describe("PageResponseCache", () => {
  it("empties on every invalidation the runtime reports, and stops listening when detached", () => {
    const cache = new PageResponseCache({ admissionKeys: 0 });
    let listener: ((tags: readonly string[], source: "local" | "remote") => void) | undefined;
    const detach = cache.attach({ onInvalidate: (registered) => ((listener = registered), () => (listener = undefined)) });
    answerFromNextsCache(cache, "/blog/a");
    expect(cache.size).toBe(1);
    listener!(["post:a"], "remote");
    expect(cache.size).toBe(0);
    detach();
    expect(listener).toBeUndefined();
  });

  it("keeps a page on its second request by default", () => {
    const cache = new PageResponseCache();
    answerFromNextsCache(cache, "/blog/a");
    expect(cache.size).toBe(0);
    answerFromNextsCache(cache, "/blog/a");
    expect(cache.size).toBe(1);
  });

  it("replays a kept page to the next request, headers first", () => {
    const cache = new PageResponseCache({ admissionKeys: 0 });
    answerFromNextsCache(cache, "/blog/a");
    const res = new FakeResponse();
    expect(cache.serve(request("/blog/a"), res as unknown as ServerResponse)).toBe(true);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("<p>page</p>");
    expect(res.headers["content-length"]).toBe("11");
  });
});
