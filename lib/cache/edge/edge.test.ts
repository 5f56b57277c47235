import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forgetPageTags, notePageTags, pageTagsFor, pathOfCacheKey } from "@/lib/cache/edge/page-tags";
import { EdgePurger, purgeTargetsFromEnv } from "@/lib/cache/edge/purge";
import { edgeResponse } from "@/lib/cache/edge/response";
import { DEFAULT_EDGE_POLICY, edgeCacheControl, edgePolicyFromEnv, isEdgeCacheableRequest, surrogateKeys } from "@/lib/cache/edge/surrogate";

const servers: Server[] = [];
afterEach(async () => {
  forgetPageTags();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => (server.close(resolve), server.closeAllConnections()))));
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("surrogateKeys", () => {
  it("keeps Quire's tags, sorted and unique, without Next's implicit tags or the every-entry marker", () => {
    expect(surrogateKeys(["post:hello", "_N_T_/layout", "_N_T_/blog/hello", "site", "posts", "post:hello", "*", "tag:c", "bad tag", "a,b"])).toEqual([
      "post:hello",
      "posts",
      "site",
      "tag:c",
    ]);
  });
});

describe("edge policy", () => {
  it("has a default and reads the environment", () => {
    expect(edgeCacheControl()).toBe("public, max-age=0, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400");
    expect(edgePolicyFromEnv({})).toEqual(DEFAULT_EDGE_POLICY);
    expect(edgePolicyFromEnv({ EDGE_S_MAXAGE: "600", EDGE_STALE_WHILE_REVALIDATE: "5", EDGE_STALE_IF_ERROR: "0" })).toEqual({ sMaxAge: 600, staleWhileRevalidate: 5, staleIfError: 0 });
    expect(() => edgePolicyFromEnv({ EDGE_S_MAXAGE: "soon" })).toThrow(/EDGE_S_MAXAGE/);
  });
});

describe("isEdgeCacheableRequest", () => {
  it.each([
    ["GET", "/", {}, true],
    ["HEAD", "/blog/hello?x=1", {}, true],
    ["GET", "/tag/css", { cookie: "theme=dark" }, true],
    ["POST", "/blog/hello", {}, false],
    ["GET", "/admin/posts", {}, false],
    ["GET", "/api/auth/session", {}, false],
    ["GET", "/preview/abc", {}, false],
    ["GET", "/blog/hello", { rsc: "1" }, false],
    ["GET", "/blog/hello", { "next-action": "abc" }, false],
    ["GET", "/blog/hello", { "next-router-prefetch": "1" }, false],
    ["GET", "/blog/hello", { "next-router-state-tree": "%5B%5D" }, false],
    ["GET", "/blog/hello", { "next-router-segment-prefetch": "/_tree" }, false],
    ["GET", "/blog/hello", { cookie: "a=1; quire.session-token=xyz" }, false],
    ["GET", "/blog/hello", { cookie: "__Secure-quire.session-token.0=xyz" }, false],
  ])("%s %s %o → %s", (method, url, headers, expected) => expect(isEdgeCacheableRequest(method, url, headers)).toBe(expected));
});

describe("page tags", () => {
  it("reads the page path from Next's route cache keys", () => {
    expect(pathOfCacheKey("/route-cache/APP_PAGE/0574d05a00dc/$/index")).toBe("/");
    expect(pathOfCacheKey("/route-cache/APP_PAGE/0574d05a00dc/$/blog/hello")).toBe("/blog/hello");
    expect(pathOfCacheKey("/blog/hello")).toBe("/blog/hello");
    notePageTags("/route-cache/APP_PAGE/abc/$/tag/css", ["tag:css"]);
    expect(pageTagsFor("/tag/css")).toEqual(["tag:css"]);
  });

  it("finds a page's tags by its path, encoded or not, and forgets the oldest beyond its limit", () => {
    notePageTags("/tag/c++", ["tag:c++"]);
    expect(pageTagsFor("/tag/c%2B%2B")).toBeUndefined(); // decodeURI keeps reserved escapes: a different page key
    expect(pageTagsFor("/tag/c++")).toEqual(["tag:c++"]);
    notePageTags("/blog/caf\u00e9", ["post:cafe"]);
    expect(pageTagsFor("/blog/caf%C3%A9")).toEqual(["post:cafe"]);
    notePageTags("relative", ["x"]);
    expect(pageTagsFor("relative")).toBeUndefined();
    for (let i = 0; i < 10_001; i += 1) notePageTags(`/p/${i}`, ["posts"]);
    expect(pageTagsFor("/tag/c++")).toBeUndefined();
    expect(pageTagsFor("/p/10000")).toEqual(["posts"]);
  });
});

describe("edgeResponse", () => {
  const serve = (write: (res: ServerResponse) => void) =>
    listen((req, res) => {
      edgeResponse(req, res, DEFAULT_EDGE_POLICY);
      write(res);
    });
  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<IncomingMessage>((resolve, reject) => request(url, { headers }, resolve).on("error", reject).end());

  it("gives a tagged shareable page the edge Cache-Control and its keys", async () => {
    notePageTags("/blog/hello", ["_N_T_/blog/hello", "post:hello", "posts", "site", "author:ann"]);
    const base = await serve((res) => {
      res.setHeader("Cache-Control", "s-maxage=60, stale-while-revalidate=86400");
      res.end("<p>hello</p>");
    });
    const answer = await get(`${base}/blog/hello?utm=x`);
    expect(answer.headers["cache-control"]).toBe(edgeCacheControl());
    expect(answer.headers.xkey).toBe("author:ann post:hello posts site");
    expect(answer.headers["surrogate-key"]).toBe("author:ann post:hello posts site");
    answer.resume();
  });

  it("replaces a Cache-Control given to writeHead", async () => {
    notePageTags("/", ["posts"]);
    const base = await serve((res) => {
      res.writeHead(200, { "Cache-Control": "s-maxage=60", "Content-Type": "text/html" });
      res.end("home");
    });
    const answer = await get(`${base}/`);
    expect(answer.headers["cache-control"]).toBe(edgeCacheControl());
    expect(answer.headers.xkey).toBe("posts");
    answer.resume();
  });

  it.each([
    ["an untagged page", "/blog/other", {}, (res: ServerResponse) => res.setHeader("Cache-Control", "s-maxage=60")],
    ["a private answer", "/blog/hello", {}, (res: ServerResponse) => res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate")],
    ["an answer setting a cookie", "/blog/hello", {}, (res: ServerResponse) => (res.setHeader("Cache-Control", "s-maxage=60"), res.setHeader("Set-Cookie", "a=1"))],
    ["a 404", "/blog/hello", {}, (res: ServerResponse) => ((res.statusCode = 404), res.setHeader("Cache-Control", "s-maxage=60"))],
    ["a signed-in reader", "/blog/hello", { cookie: "quire.session-token=abc" }, (res: ServerResponse) => res.setHeader("Cache-Control", "s-maxage=60")],
  ])("leaves %s alone", async (_name, path, headers, prepare) => {
    notePageTags("/blog/hello", ["post:hello"]);
    const base = await serve((res) => {
      prepare(res);
      res.end("x");
    });
    const answer = await get(`${base}${path}`, headers);
    expect(answer.headers.xkey).toBeUndefined();
    expect(answer.headers["cache-control"]).not.toBe(edgeCacheControl());
    answer.resume();
  });
});

describe("EdgePurger", () => {
  it("reads its targets from EDGE_PURGE_URLS", () => {
    expect(purgeTargetsFromEnv({})).toEqual([]);
    expect(purgeTargetsFromEnv({ EDGE_PURGE_URLS: " http://a:6081/ , https://b/purge " })).toEqual(["http://a:6081/", "https://b/purge"]);
    expect(() => purgeTargetsFromEnv({ EDGE_PURGE_URLS: "varnish:6081" })).toThrow(/EDGE_PURGE_URLS/);
  });

  it("sends PURGE with the tags to every target, retries a failure once and logs what still fails", async () => {
    const seen: string[] = [];
    let failNext = 1;
    const flaky = await listen((req, res) => {
      seen.push(`flaky ${req.method} ${req.headers["xkey-purge"]}`);
      res.statusCode = failNext-- > 0 ? 503 : 200;
      res.end();
    });
    const good = await listen((req, res) => {
      seen.push(`good ${req.method} ${req.headers["xkey-purge"]}`);
      res.end();
    });
    const errors: string[] = [];
    const log = { error: (message: string) => errors.push(message), info: () => undefined };
    const purger = new EdgePurger({ targets: [flaky, good, "http://127.0.0.1:1/"], retryDelayMs: 1, timeoutMs: 500, log });
    const outcomes = await purger.purge(["post:hello", "posts", "post:hello"]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(seen.sort()).toEqual(["flaky PURGE post:hello posts", "flaky PURGE post:hello posts", "good PURGE post:hello posts"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/127\.0\.0\.1:1/);
  });

  it("gives up on a target that does not answer within the timeout", async () => {
    const silent = await listen(() => undefined);
    const errors: string[] = [];
    const purger = new EdgePurger({ targets: [silent], retryDelayMs: 1, timeoutMs: 100, log: { error: (m: string) => errors.push(m), info: () => undefined } });
    const [outcome] = await purger.purge(["site"]);
    expect(outcome?.ok).toBe(false);
    expect(errors[0]).toMatch(/failed/);
  });
});
