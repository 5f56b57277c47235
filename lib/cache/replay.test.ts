import { EventEmitter } from "node:events";
import { serialize } from "node:v8";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRequestTags, runWithRequestTags, type CachedPage } from "@/lib/cache/edge/request-tags";
import { cacheKey, matchesEtag, negotiatedEncoding, PageResponseCache, publicLifetimeSeconds, type StoredResponses } from "@/lib/cache/replay";
import { MemoryStorage } from "@/lib/cache/storage/memory";
import { TagStore } from "@/lib/cache/tag-store";

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

describe("PageResponseCache with storage", () => {
  const PAGE_TAGS = ["post:a", "_N_T_/blog/a"];

  function stored(now = () => Date.now()): StoredResponses & { tags: TagStore; storage: MemoryStorage } {
    return { storage: new MemoryStorage(1024 * 1024, now), tags: new TagStore() };
  }

  /**
   * Next answering `url` as scripts/server.mjs hands it over: inside the request's tags, where the pages
   * handler notes the cache entry of the page (`page`; none: not noted) before the answer is written.
   */
  async function answerFromNext(cache: PageResponseCache, url: string, { status = "MISS", page = { tags: PAGE_TAGS, madeAt: Date.now() } as CachedPage | null, headers = {} } = {}) {
    const res = new FakeResponse();
    await runWithRequestTags(async () => {
      cache.capture(request(url, headers), res as unknown as ServerResponse);
      if (page) currentRequestTags()!.noteCachedPage(page);
      res.headers = { "x-nextjs-cache": status, "cache-control": "s-maxage=60", vary: "rsc, Accept-Encoding" };
      res.end(`<p>page ${url}</p>`);
    });
    // The store is written after the response finished.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** A request through serve(): the answer written, and whether it went on to Next. */
  async function ask(cache: PageResponseCache, url: string, headers: Record<string, string> = {}, method = "GET") {
    const res = new FakeResponse();
    let toNext = false;
    const finished = new Promise<void>((resolve) => {
      res.once("finish", resolve);
      expect(
        cache.serve(request(url, headers, method), res as unknown as ServerResponse, () => {
          toNext = true;
          resolve();
        }),
      ).toBe(true);
    });
    await finished;
    return { res, toNext };
  }

  it("keeps the page Next rendered, and answers the next request for it from storage, after a restart too", async () => {
    const storage = stored();
    await answerFromNext(new PageResponseCache({}, storage), "/blog/a");
    const restarted = new PageResponseCache({}, storage);
    const { res, toNext } = await ask(restarted, "/blog/a");
    expect(toNext).toBe(false);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("<p>page /blog/a</p>");
    expect(res.headers["x-nextjs-cache"]).toBe("HIT");
    expect(res.headers.vary).toBe("rsc, Accept-Encoding");
    expect(res.headers["content-length"]).toBe("19");
    // Kept per encoding, as in memory.
    expect((await ask(restarted, "/blog/a", { "accept-encoding": "gzip" })).toNext).toBe(true);
  });

  it("keeps pages Next served from its cache as well, with the time their entry was made", async () => {
    const storage = stored();
    const cache = new PageResponseCache({}, storage);
    await answerFromNext(cache, "/blog/a", { status: "HIT", page: { tags: PAGE_TAGS, madeAt: Date.now() - 5_000 } });
    const kept = await ask(new PageResponseCache({}, storage), "/blog/a");
    expect(kept.toNext).toBe(false);
    expect(kept.res.body).toBe("<p>page /blog/a</p>");
    storage.tags.record(["post:a"], Date.now() - 1_000);
    // Expired after its entry was made, though before it was answered: that entry was stale already.
    expect((await ask(new PageResponseCache({}, storage), "/blog/a")).toNext).toBe(true);
  });

  it("goes to Next once one of the page's tags, implicit ones included, expired since the page was made", async () => {
    for (const tag of ["post:a", "_N_T_/blog/a", "*"]) {
      const storage = stored();
      const cache = new PageResponseCache({}, storage);
      await answerFromNext(cache, "/blog/a");
      expect((await ask(cache, "/blog/a")).toNext).toBe(false);
      // As the runtime invalidates: the expiration first, then its listeners (memory empties).
      storage.tags.record([tag], Date.now());
      cache.clear();
      expect((await ask(cache, "/blog/a")).toNext, tag).toBe(true);
    }
  });

  it("keeps no answer whose page entry is unknown or was not the only one, nor an error, a stale page or a private one", async () => {
    const storage = stored();
    const cache = new PageResponseCache({}, storage);
    await answerFromNext(cache, "/blog/unknown", { page: null });
    await answerFromNext(cache, "/blog/stale", { status: "STALE" });
    const twice = new FakeResponse();
    await runWithRequestTags(async () => {
      cache.capture(request("/blog/twice"), twice as unknown as ServerResponse);
      currentRequestTags()!.noteCachedPage({ tags: PAGE_TAGS, madeAt: Date.now() - 10 });
      currentRequestTags()!.noteCachedPage({ tags: PAGE_TAGS, madeAt: Date.now() });
      twice.headers = { "x-nextjs-cache": "HIT", "cache-control": "s-maxage=60" };
      twice.end("<p>page</p>");
    });
    const privatePage = new FakeResponse();
    await runWithRequestTags(async () => {
      cache.capture(request("/blog/private"), privatePage as unknown as ServerResponse);
      currentRequestTags()!.noteCachedPage({ tags: PAGE_TAGS, madeAt: Date.now() });
      privatePage.headers = { "x-nextjs-cache": "MISS", "cache-control": "private, no-store" };
      privatePage.end("<p>page</p>");
    });
    await new Promise((resolve) => setImmediate(resolve));
    for (const path of ["/blog/unknown", "/blog/stale", "/blog/twice", "/blog/private"]) expect((await ask(cache, path)).toNext, path).toBe(true);
  });

  it("ends when Next would render the page again, or with the response's lifetime, counted from when the page was made", async () => {
    // The storage's own clock stands still, so only the kept answer's end can send the request on.
    const storage = { storage: new MemoryStorage(1024 * 1024, () => 0), tags: new TagStore() };
    for (const [page, lifetimeEnd] of [
      [{ tags: PAGE_TAGS, madeAt: 1_000_000 }, 1_060_000],
      [{ tags: PAGE_TAGS, madeAt: 1_000_000, revalidateSeconds: 10 }, 1_010_000],
      [{ tags: PAGE_TAGS, madeAt: 1_000_000, revalidateSeconds: 600 }, 1_060_000],
    ] as const) {
      let now = page.madeAt + 1;
      const cache = () => new PageResponseCache({ now: () => now }, storage);
      await answerFromNext(cache(), "/blog/a", { page });
      now = lifetimeEnd - 1;
      expect((await ask(cache(), "/blog/a")).toNext, JSON.stringify(page)).toBe(false);
      now = lifetimeEnd;
      expect((await ask(cache(), "/blog/a")).toNext, JSON.stringify(page)).toBe(true);
    }
  });

  it("leaves signed-in requests to Next, and keeps nothing of them", async () => {
    const storage = stored();
    const cache = new PageResponseCache({}, storage);
    const signedIn = { cookie: "theme=dark; quire.session-token=abc" };
    await answerFromNext(cache, "/blog/a", { headers: signedIn });
    expect((await ask(cache, "/blog/a")).toNext).toBe(true);
    expect(cache.serve(request("/blog/a", signedIn), new FakeResponse() as unknown as ServerResponse, () => undefined)).toBe(false);
    // Other cookies are a reader's own.
    await answerFromNext(cache, "/blog/b", { headers: { cookie: "theme=dark" } });
    expect((await ask(cache, "/blog/b", { cookie: "theme=dark" })).toNext).toBe(false);
  });

  it("goes to Next for a stored value that is not a kept answer, or that cannot be written", async () => {
    const storage = stored();
    await storage.storage.set("response:identity /blog/a", serialize({ headers: {} }), 60);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await ask(new PageResponseCache({}, storage), "/blog/a")).toNext).toBe(true);
    await answerFromNext(new PageResponseCache({}, storage), "/blog/b");
    const res = new FakeResponse();
    res.writeHead = () => {
      throw new Error("invalid header");
    };
    let toNext = false;
    new PageResponseCache({}, storage).serve(request("/blog/b"), res as unknown as ServerResponse, () => (toNext = true));
    await vi.waitFor(() => expect(toNext).toBe(true));
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it("answers If-None-Match with a 304 and HEAD without a body from storage", async () => {
    const storage = stored();
    await answerFromNext(new PageResponseCache({}, storage), "/blog/a");
    const first = await ask(new PageResponseCache({}, storage), "/blog/a");
    const revalidated = await ask(new PageResponseCache({}, storage), "/blog/a", { "if-none-match": String(first.res.headers.etag) });
    expect(revalidated.res.statusCode).toBe(304);
    expect(revalidated.res.body).toBe("");
    const head = await ask(new PageResponseCache({}, storage), "/blog/a", {}, "HEAD");
    expect(head.res.statusCode).toBe(200);
    expect(head.res.body).toBe("");
  });

  it("keeps a page in memory on its second request, answered from storage or not; a rendered page is not kept in memory", async () => {
    const storage = stored();
    const cache = new PageResponseCache({}, storage);
    await answerFromNext(cache, "/blog/a");
    expect(cache.size).toBe(0);
    await ask(cache, "/blog/a");
    expect(cache.size).toBe(1);
    // From memory now, synchronously.
    const res = new FakeResponse();
    expect(cache.serve(request("/blog/a"), res as unknown as ServerResponse)).toBe(true);
    expect(res.body).toBe("<p>page /blog/a</p>");
  });

  it("goes to Next when the storage fails", async () => {
    const storage = stored();
    const cache = new PageResponseCache({}, { tags: storage.tags, storage: { ...storage.storage, name: "broken", get: () => Promise.reject(new Error("disk gone")), set: storage.storage.set.bind(storage.storage), delete: storage.storage.delete.bind(storage.storage) } });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await ask(cache, "/blog/a")).toNext).toBe(true);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it("leaves requests it cannot key to the caller", () => {
    const cache = new PageResponseCache({}, stored());
    expect(cache.serve(request("/blog/a", { RSC: "1" }), new FakeResponse() as unknown as ServerResponse, () => undefined)).toBe(false);
  });
});
