import { describe, expect, it } from "vitest";
import { currentRequestTags, runWithRequestTags } from "@/lib/cache/edge/request-tags";
import { createPagesHandler } from "@/lib/cache/handlers/pages";
import { createUseCacheHandler } from "@/lib/cache/handlers/use-cache";
import { readerPage, STORED_PAGE_SCRIPTS_HEADER } from "@/lib/http/framework-scripts";
import { CacheRuntime } from "@/lib/cache/runtime";
import { MemoryStorage } from "@/lib/cache/storage/memory";
import type { IncrementalCacheValue } from "next/dist/server/response-cache/types";

function runtime(): CacheRuntime {
  return new CacheRuntime({ storage: new MemoryStorage(1024 * 1024) });
}

function stream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

async function text(value: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(value).text();
}

describe("use-cache handler", () => {
  it("returns what was stored, a new stream each time, until one of its tags or soft tags expires", async () => {
    const cache = runtime();
    const handler = createUseCacheHandler(cache);
    const timestamp = Date.now() - 10;
    await handler.set("k", Promise.resolve({ value: stream("data"), tags: ["post:a"], stale: 60, timestamp, expire: 3600, revalidate: 900 }));
    const first = await handler.get("k", ["_N_T_/blog/a"]);
    expect(await text(first!.value)).toBe("data");
    expect(await text((await handler.get("k", []))!.value)).toBe("data");
    expect(first).toMatchObject({ tags: ["post:a"], timestamp, expire: 3600 });

    await handler.updateTags(["_N_T_/blog/a"]);
    expect(await handler.get("k", ["_N_T_/blog/a"])).toBeUndefined();
    expect(await handler.get("k", [])).toBeDefined();
    await cache.invalidate(["post:a"]);
    expect(await handler.get("k", [])).toBeUndefined();
    expect(await handler.getExpiration(["post:a"])).toBeGreaterThanOrEqual(timestamp);
  });

  it("notes in the request the tags of the entries it returns and stores and the soft tags of its reads, and nothing else", async () => {
    const handler = createUseCacheHandler(runtime());
    const entry = (tags: string[]) => Promise.resolve({ value: stream("x"), tags, stale: 0, timestamp: Date.now() - 10, expire: 60, revalidate: 60 });
    await handler.set("stored-earlier", entry(["site"]));
    const request = await runWithRequestTags(async () => {
      expect(await handler.get("missing", ["/blog/a", "/layout"])).toBeUndefined();
      await handler.set("new", entry(["post:a"]));
      await handler.get("stored-earlier", ["/blog/a", "/layout"]);
      return currentRequestTags()!;
    });
    expect([...request.rendered].sort()).toEqual(["post:a", "site"]);
    expect([...request.implicit].sort()).toEqual(["/blog/a", "/layout"]);
    const other = await runWithRequestTags(async () => {
      await handler.get("missing", []);
      return currentRequestTags()!;
    });
    expect(other.rendered.size).toBe(0);
  });

  it("makes a read wait for a write under way to the same key", async () => {
    const handler = createUseCacheHandler(runtime());
    let resolve!: (entry: Parameters<typeof handler.set>[1] extends Promise<infer E> ? E : never) => void;
    const writing = handler.set("k", new Promise((done) => (resolve = done)));
    const reading = handler.get("k", []);
    resolve({ value: stream("late"), tags: [], stale: 0, timestamp: Date.now(), expire: 60, revalidate: 60 });
    await writing;
    expect(await text((await reading)!.value)).toBe("late");
  });
});

describe("pages handler", () => {
  const page = (tags: string): IncrementalCacheValue =>
    ({
      kind: "APP_PAGE",
      html: "<p>page</p>",
      rscData: Buffer.from("rsc"),
      headers: { "x-next-cache-tags": tags },
      postponed: undefined,
      status: 200,
      segmentData: new Map([["/_tree", Buffer.from("tree")]]),
    }) as IncrementalCacheValue;

  it("round-trips a page, buffers and maps included, with its lifetime", async () => {
    const handler = createPagesHandler(runtime());
    await handler.set("/blog/a", page("_N_T_/layout,_N_T_/blog/a,post:a"), { cacheControl: { revalidate: 900, expire: 3600 } });
    const got = await handler.get("/blog/a");
    expect(got?.cacheControl).toEqual({ revalidate: 900, expire: 3600 });
    expect(got?.value).toMatchObject({ kind: "APP_PAGE", html: "<p>page</p>", status: 200 });
    const value = got!.value as Extract<IncrementalCacheValue, { kind: "APP_PAGE" }>;
    expect(value.rscData?.toString()).toBe("rsc");
    expect(value.segmentData?.get("/_tree")?.toString()).toBe("tree");
  });

  it("stores a reader page stripped of its scripts, with their policy sources and its flight data, and changes the page Next answers with to that", async () => {
    const handler = createPagesHandler(runtime());
    const html =
      '<!DOCTYPE html><html lang="en" data-framework-scripts="none"><head><script>theme()</script></head><body><main>Post — “quoted”</main>' +
      '<script src="/_next/static/chunks/a.js" async=""></script><script>self.__next_f.push([1,"x"])</script></body></html>';
    const expected = readerPage(html)!;
    const rendered = { ...page("_N_T_/blog/a,post:a"), html } as Extract<IncrementalCacheValue, { kind: "APP_PAGE" }>;
    await handler.set("/blog/a", rendered, {});
    for (const value of [rendered, (await handler.get("/blog/a"))!.value as typeof rendered]) {
      expect(value.html).toBe(expected.html);
      expect(value.headers).toEqual({ "x-next-cache-tags": "_N_T_/blog/a,post:a", [STORED_PAGE_SCRIPTS_HEADER]: expected.header });
      expect(value.rscData?.toString()).toBe("rsc");
      expect(value.segmentData?.get("/_tree")?.toString()).toBe("tree");
      expect(value.status).toBe(200);
    }
  });

  it("keeps the text of a page beyond Latin-1 exactly, in fewer bytes than V8 writes a string", async () => {
    const storage = new MemoryStorage(1024 * 1024);
    const handler = createPagesHandler(new CacheRuntime({ storage }));
    const html = `<p>${"Em — dash, “quotes”, ü, 日本 ".repeat(200)}</p>`;
    await handler.set("/blog/u", { ...page("post:u"), html } as IncrementalCacheValue, {});
    expect(((await handler.get("/blog/u"))!.value as { html: string }).html).toBe(html);
    expect(storage.bytes).toBeLessThan(html.length * 2);
  });

  it("misses once any tag Next recorded on the page, implicit or explicit, expired after it was made", async () => {
    const cache = runtime();
    const handler = createPagesHandler(cache);
    await handler.set("/blog/a", page("_N_T_/layout,_N_T_/blog/a,post:a"), {});
    await handler.set("/blog/b", page("_N_T_/layout,_N_T_/blog/b,post:b"), {});
    await cache.invalidate(["post:a"]);
    expect(await handler.get("/blog/a")).toBeNull();
    expect(await handler.get("/blog/b")).not.toBeNull();
    await cache.invalidate(["_N_T_/layout"]);
    expect(await handler.get("/blog/b")).toBeNull();
  });

  it("keeps with a page the tags of the entries its request rendered with and gives them to the requests it serves", async () => {
    const cache = runtime();
    const pages = createPagesHandler(cache);
    const data = createUseCacheHandler(cache);
    const entry = (tags: string[]) => Promise.resolve({ value: stream("x"), tags, stale: 0, timestamp: Date.now() - 10, expire: 60, revalidate: 60 });
    const rendered = await runWithRequestTags(async () => {
      expect(await pages.get("/blog/a")).toBeNull();
      await data.get("post", ["_N_T_/layout", "_N_T_/blog/a"]);
      await data.set("post", entry(["post:a", "author:ann"]));
      // "site" comes from an entry another request's render shared: only Next's list of the page has it.
      await pages.set("/blog/a", page("_N_T_/layout,_N_T_/blog/a,post:a,author:ann,site"), {});
      return currentRequestTags()!;
    });
    expect([...rendered.page!].sort()).toEqual(["author:ann", "post:a", "site"]);

    const served = await runWithRequestTags(async () => {
      expect(await pages.get("/blog/a")).not.toBeNull();
      return currentRequestTags()!;
    });
    expect([...served.page!].sort()).toEqual(["author:ann", "post:a", "site"]);

    // Stored outside any request (nothing noted its entries): kept, served, and without keys.
    await pages.set("/blog/b", page("_N_T_/layout,_N_T_/blog/b,post:b"), {});
    const unknown = await runWithRequestTags(async () => {
      expect(await pages.get("/blog/b")).not.toBeNull();
      return currentRequestTags()!;
    });
    expect(unknown.page).toBeNull();

    // Next's other entries (fetch data, images) never stand for the page a request is answered with.
    const fetched = await runWithRequestTags(async () => {
      await pages.set("fetch-key", { kind: "FETCH", data: { headers: {}, body: "", url: "", status: 200 }, tags: ["x"], revalidate: 60 } as IncrementalCacheValue, { tags: ["x"] });
      await pages.get("fetch-key");
      return currentRequestTags()!;
    });
    expect(fetched.page).toBeNull();
  });

  it("counts a page as made when its render began, so a write during the render makes it stale", async () => {
    let clock = 1_000;
    const cache = runtime();
    const handler = createPagesHandler(cache, () => clock);
    expect(await handler.get("/")).toBeNull(); // the render begins and reads the old rows
    clock = 1_010;
    cache.tags.record(["posts"], clock); // a post is published meanwhile
    clock = 1_020;
    await handler.set("/", page("_N_T_/layout,_N_T_/,posts"), {});
    expect(await handler.get("/")).toBeNull(); // what that render made is not served

    clock = 1_030;
    await handler.set("/", page("_N_T_/layout,_N_T_/,posts"), {}); // the render after the write
    expect(await handler.get("/")).not.toBeNull();
  });

  it("counts a page rendered again past its revalidate time as made when that render began, while the old one is served", async () => {
    let clock = 1_000;
    const cache = runtime();
    const handler = createPagesHandler(cache, () => clock);
    const cacheControl = { revalidate: 60, expire: 3600 };
    await handler.get("/tag/a");
    await handler.set("/tag/a", page("_N_T_/layout,_N_T_/tag/a,tag:a"), { cacheControl });
    clock = 62_000;
    expect(await handler.get("/tag/a")).not.toBeNull(); // served while Next renders it again in the background
    clock = 62_010;
    cache.tags.record(["tag:a"], clock); // the tag is edited meanwhile
    clock = 62_020;
    await handler.set("/tag/a", page("_N_T_/layout,_N_T_/tag/a,tag:a"), { cacheControl });
    expect(await handler.get("/tag/a")).toBeNull(); // that render may hold the old tag: not served
  });
});
