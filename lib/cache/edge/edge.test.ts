import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { EdgePurger, purgeTargetsFromEnv } from "@/lib/cache/edge/purge";
import { currentRequestTags, RequestTags, runWithRequestTags } from "@/lib/cache/edge/request-tags";
import { edgeResponse } from "@/lib/cache/edge/response";
import { DEFAULT_EDGE_POLICY, edgeCacheControl, edgePolicyFromEnv, isEdgeCacheableRequest, surrogateKeys } from "@/lib/cache/edge/surrogate";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => (server.close(resolve), server.closeAllConnections()))));
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("surrogateKeys", () => {
  it("keeps the page's tags, sorted and unique, without the every-entry marker or what no header could carry", () => {
    expect(surrogateKeys(["post:hello", "site", "posts", "post:hello", "*", "tag:c", "bad tag", "a,b", " "])).toEqual(["post:hello", "posts", "site", "tag:c"]);
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

describe("RequestTags", () => {
  it("gives a stored page the tags of the entries its render used", () => {
    const request = new RequestTags();
    request.noteEntry(["post:a", "posts"], ["/blog/a", "/layout"]);
    request.noteEntry(["site"]);
    expect(request.pageTagsFrom(["/layout", "/blog/a", "post:a", "posts", "site"])?.sort()).toEqual(["post:a", "posts", "site"]);
  });

  it("adds the page's other tags once the implicit ones are known: entries another request's render shared", () => {
    const request = new RequestTags();
    request.noteEntry(["post:a"], ["/blog/a", "/layout"]);
    expect(request.pageTagsFrom(["/layout", "/blog/a", "post:a", "site", "author:ann"])?.sort()).toEqual(["author:ann", "post:a", "site"]);
  });

  it("knows no tags of a page when no read told it the implicit ones, unless its entries account for all", () => {
    const shared = new RequestTags();
    shared.noteEntry(["post:a"]);
    expect(shared.pageTagsFrom(["/layout", "post:a"])).toBeNull();
    expect(shared.pageTagsFrom(["post:a"])).toEqual(["post:a"]);
    expect(new RequestTags().pageTagsFrom([])).toEqual([]);
  });

  it("adds up the pages noted for a request; one unknown page makes them unknown", () => {
    const request = new RequestTags();
    expect(request.page).toBeNull();
    request.notePage(["post:a", "site"]);
    request.notePage(["post:a", "posts"]);
    expect([...request.page!].sort()).toEqual(["post:a", "posts", "site"]);
    request.notePage(null);
    request.notePage(["site"]);
    expect(request.page).toBeNull();
  });

  it("keeps each request's tags apart across awaits, and has none outside a request", async () => {
    expect(currentRequestTags()).toBeUndefined();
    const answer = (tag: string, delayMs: number) =>
      runWithRequestTags(async () => {
        currentRequestTags()!.noteEntry([tag]);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        currentRequestTags()!.noteEntry([`${tag}:late`]);
        return [...currentRequestTags()!.rendered];
      });
    expect(await Promise.all([answer("post:a", 20), answer("post:b", 1)])).toEqual([
      ["post:a", "post:a:late"],
      ["post:b", "post:b:late"],
    ]);
    expect(currentRequestTags()).toBeUndefined();
  });
});

describe("edgeResponse", () => {
  /**
   * A server answering as scripts/server.mjs does: Next handles each request inside its own request tags,
   * and the pages cache notes the tags of the page (here: `pageTags(path)`, after `delayMs(path)`) before
   * the response is written.
   */
  const serve = (
    pageTags: (path: string) => readonly string[] | null | undefined,
    write: (res: ServerResponse) => void,
    delayMs: (path: string) => number = () => 0,
  ) =>
    listen((req, res) =>
      runWithRequestTags(async () => {
        edgeResponse(req, res, DEFAULT_EDGE_POLICY);
        const path = (req.url ?? "/").split("?")[0]!;
        await new Promise((resolve) => setTimeout(resolve, delayMs(path)));
        const tags = pageTags(path);
        if (tags !== undefined) currentRequestTags()!.notePage(tags);
        write(res);
      }),
    );
  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<IncomingMessage>((resolve, reject) => request(url, { headers }, resolve).on("error", reject).end());

  it("gives a tagged shareable page the edge Cache-Control and its keys", async () => {
    const base = await serve(
      () => ["post:hello", "posts", "site", "author:ann"],
      (res) => {
        res.setHeader("Cache-Control", "s-maxage=60, stale-while-revalidate=86400");
        res.end("<p>hello</p>");
      },
    );
    const answer = await get(`${base}/blog/hello?utm=x`);
    expect(answer.headers["cache-control"]).toBe(edgeCacheControl());
    expect(answer.headers.xkey).toBe("author:ann post:hello posts site");
    expect(answer.headers["surrogate-key"]).toBe("author:ann post:hello posts site");
    answer.resume();
  });

  it("gives each of several concurrent requests the keys of its own page", async () => {
    const base = await serve(
      (path) => [path === "/" ? "posts" : `post:${path.slice("/blog/".length)}`, "site"],
      (res) => {
        res.setHeader("Cache-Control", "s-maxage=60");
        res.end("x");
      },
      (path) => (path === "/blog/slow" ? 40 : path === "/" ? 20 : 1),
    );
    const answers = await Promise.all(["/blog/slow", "/", "/blog/fast"].map((path) => get(`${base}${path}`)));
    expect(answers.map((answer) => answer.headers.xkey)).toEqual(["post:slow site", "posts site", "post:fast site"]);
    for (const answer of answers) answer.resume();
  });

  it("replaces a Cache-Control given to writeHead", async () => {
    const base = await serve(
      () => ["posts"],
      (res) => {
        res.writeHead(200, { "Cache-Control": "s-maxage=60", "Content-Type": "text/html" });
        res.end("home");
      },
    );
    const answer = await get(`${base}/`);
    expect(answer.headers["cache-control"]).toBe(edgeCacheControl());
    expect(answer.headers.xkey).toBe("posts");
    answer.resume();
  });

  const shareable = (res: ServerResponse) => res.setHeader("Cache-Control", "s-maxage=60");
  it.each([
    ["a page no cache noted (Next shared another request's answer)", "/blog/other", {}, shareable],
    ["a page whose tags are unknown", "/blog/unknown", {}, shareable],
    ["a page without tags", "/blog/untagged", {}, shareable],
    ["a private answer", "/blog/hello", {}, (res: ServerResponse) => res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate")],
    ["an answer setting a cookie", "/blog/hello", {}, (res: ServerResponse) => (shareable(res), res.setHeader("Set-Cookie", "a=1"))],
    ["a 404", "/blog/hello", {}, (res: ServerResponse) => ((res.statusCode = 404), shareable(res))],
    ["a signed-in reader", "/blog/hello", { cookie: "quire.session-token=abc" }, shareable],
  ])("leaves %s alone", async (_name, path, headers, prepare) => {
    const pages: Record<string, readonly string[] | null> = { "/blog/hello": ["post:hello"], "/blog/unknown": null, "/blog/untagged": ["*"] };
    const base = await serve(
      (page) => pages[page],
      (res) => {
        prepare(res);
        res.end("x");
      },
    );
    const answer = await get(`${base}${path}`, headers);
    expect(answer.headers.xkey).toBeUndefined();
    expect(answer.headers["surrogate-key"]).toBeUndefined();
    expect(answer.headers["cache-control"]).not.toBe(edgeCacheControl());
    answer.resume();
  });

  it("leaves a request answered outside request tags alone", async () => {
    const base = await listen((req, res) => {
      edgeResponse(req, res, DEFAULT_EDGE_POLICY);
      res.setHeader("Cache-Control", "s-maxage=60");
      res.end("x");
    });
    const answer = await get(`${base}/blog/hello`);
    expect(answer.headers.xkey).toBeUndefined();
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
