import { createHash } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { readerPage, STORED_PAGE_SCRIPTS_HEADER } from "@/lib/http/framework-scripts";
import { isEmptyErrorDocument, notFoundPageFrom } from "@/lib/http/not-found-page";
import { NOT_FOUND_CACHE_CONTROL, OUTAGE_PAGE, secureResponse, type SecureResponseOptions } from "@/lib/http/secure-response";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// What Next writes for a page that called notFound(), shortened: no lang, no title, no text.
const ERROR_DOCUMENT =
  '<!DOCTYPE html><html id="__next_error__"><head><meta name="robots" content="noindex"/><script>self.__next_f.push([0])</script></head><body></body></html>';
const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta name="robots" content="noindex"/><title>Page not found</title><script>self.__next_f.push([1])</script></head><body><main><h1>Page not found</h1></main></body></html>';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose handler writes as Next does, behind secureResponse; answers one GET. */
async function respond(path: string, options: SecureResponseOptions, answer: (res: ServerResponse) => void) {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    secureResponse(req, res, options);
    answer(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
    request({ host: "localhost", port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

/** Writes a gzipped HTML answer in two chunks, with the headers Next sets on a cached 404 (and `stored` ones of the entry). */
function nextAnswer(status: number, html: string, stored: Record<string, string> = {}) {
  return (res: ServerResponse) => {
    const body = gzipSync(html);
    for (const [name, value] of Object.entries(stored)) res.appendHeader(name, value);
    res.statusCode = status;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("x-nextjs-cache", "HIT");
    res.setHeader("Cache-Control", "s-maxage=86400, stale-while-revalidate=2505600");
    res.write(body.subarray(0, 10));
    res.end(body.subarray(10));
  };
}

describe("isEmptyErrorDocument", () => {
  it("recognises Next's error document and nothing else", () => {
    expect(isEmptyErrorDocument(ERROR_DOCUMENT)).toBe(true);
    expect(isEmptyErrorDocument('<html id="__next_error__"><head></head><body></body></html>')).toBe(true);
    expect(isEmptyErrorDocument(NOT_FOUND_PAGE)).toBe(false);
    expect(isEmptyErrorDocument(`<!DOCTYPE html><html lang="en"><body><p>id="__next_error__"</p></body></html>`)).toBe(false);
  });
});

describe("secureResponse with a not-found page", () => {
  const notFoundPage = async () => Buffer.from(NOT_FOUND_PAGE);

  it("sends the not-found page for a 404 that is Next's empty error document, with Next's status, headers and encoding", async () => {
    const response = await respond("/blog/missing", { notFoundPage }, nextAnswer(404, ERROR_DOCUMENT));
    expect(response.status).toBe(404);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["x-nextjs-cache"]).toBe("HIT");
    // Not the page's day-long shared lifetime: a proxy must not keep the 404 once the post is published.
    expect(response.headers["cache-control"]).toBe(NOT_FOUND_CACHE_CONTROL);
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(gunzipSync(response.body).toString("utf8")).toBe(NOT_FOUND_PAGE);
    // The policy lists the scripts of the page that was sent, not those of the one replaced.
    expect(response.headers["content-security-policy"]).toContain(hash("self.__next_f.push([1])"));
    expect(response.headers["content-security-policy"]).not.toContain(hash("self.__next_f.push([0])"));
  });

  it("leaves other answers alone: a 404 with content, a 500 error document, an admin 404", async () => {
    for (const [path, status, html] of [
      ["/zzz", 404, NOT_FOUND_PAGE],
      ["/blog/broken", 500, ERROR_DOCUMENT],
      ["/admin/tags/missing", 404, ERROR_DOCUMENT],
    ] as const) {
      const response = await respond(path, { notFoundPage }, nextAnswer(status, html));
      expect(response.status, path).toBe(status);
      expect(gunzipSync(response.body).toString("utf8"), path).toBe(html);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it("sends Next's own 404 when the not-found page cannot be had", async () => {
    const failing = async () => {
      throw new Error("connection refused");
    };
    const response = await respond("/tag/missing", { notFoundPage: failing }, nextAnswer(404, ERROR_DOCUMENT));
    expect(response.status).toBe(404);
    expect(response.headers["cache-control"]).toBe(NOT_FOUND_CACHE_CONTROL);
    expect(gunzipSync(response.body).toString("utf8")).toBe(ERROR_DOCUMENT);
  });
});

describe("secureResponse with a reader page", () => {
  it("sends a page that asks for it without the framework's scripts, re-encoded, hashing only what is left", async () => {
    const html =
      '<!DOCTYPE html><html lang="en" data-framework-scripts="none"><head><script>theme()</script></head><body><main>Post</main>' +
      '<script src="/_next/static/chunks/a.js" async=""></script><script>self.__next_f.push([1,"x"])</script></body></html>';
    const response = await respond("/blog/post", {}, nextAnswer(200, html));
    const sent = gunzipSync(response.body).toString("utf8");
    expect(sent).toBe('<!DOCTYPE html><html lang="en" data-framework-scripts="none"><head><script>theme()</script></head><body><main>Post</main></body></html>');
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.headers["content-security-policy"]).toContain(hash("theme()"));
    expect(response.headers["content-security-policy"]).not.toContain(hash('self.__next_f.push([1,"x"])'));
  });
});

describe("secureResponse with a reader page the pages cache stored stripped", () => {
  const stripped = readerPage(
    '<!DOCTYPE html><html lang="en" data-framework-scripts="none"><head><script>theme()</script></head><body><main>Post — é</main>' +
      '<script src="https://cdn.example/a.js"></script><script>self.__next_f.push([1,"x"])</script></body></html>',
  )!;

  it("sends it as Next wrote it, with the policy its header lists, and never sends that header", async () => {
    let written: Buffer | undefined;
    const response = await respond("/blog/post", {}, (res) => {
      written = gzipSync(stripped.html);
      res.setHeader(STORED_PAGE_SCRIPTS_HEADER, stripped.header);
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Content-Encoding", "gzip");
      res.write(written.subarray(0, 10));
      res.end(written.subarray(10));
    });
    expect(response.body.equals(written!)).toBe(true);
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.headers[STORED_PAGE_SCRIPTS_HEADER]).toBeUndefined();
    const policy = response.headers["content-security-policy"];
    expect(policy).toContain(`script-src 'self' https://cdn.example ${hash("theme()")};`);
    expect(policy).toContain("connect-src 'self' https://cdn.example;");
  });

  it("takes the policy from the header alone: what it does not list stays blocked", async () => {
    const response = await respond("/blog/post", {}, nextAnswer(200, stripped.html.replace("theme()", "other()"), { [STORED_PAGE_SCRIPTS_HEADER]: stripped.header }));
    expect(response.headers["content-security-policy"]).toContain(hash("theme()"));
    expect(response.headers["content-security-policy"]).not.toContain(hash("other()"));
  });

  it("still replaces a 404 that is Next's empty error document, and drops the header from answers it does not hold", async () => {
    const notFound = await respond("/blog/gone", { notFoundPage: async () => Buffer.from(NOT_FOUND_PAGE) }, nextAnswer(404, ERROR_DOCUMENT, { [STORED_PAGE_SCRIPTS_HEADER]: stripped.header }));
    expect(gunzipSync(notFound.body).toString("utf8")).toBe(NOT_FOUND_PAGE);
    expect(notFound.headers["content-security-policy"]).toContain(hash("self.__next_f.push([1])"));
    expect(notFound.headers[STORED_PAGE_SCRIPTS_HEADER]).toBeUndefined();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;

    const payload = await respond("/blog/post", {}, (res) => {
      res.setHeader(STORED_PAGE_SCRIPTS_HEADER, stripped.header);
      res.setHeader("Content-Type", "text/x-component");
      res.end("0:[]");
    });
    expect(payload.body.toString()).toBe("0:[]");
    expect(payload.headers[STORED_PAGE_SCRIPTS_HEADER]).toBeUndefined();
    expect(payload.headers["content-security-policy"]).not.toContain("sha256");
  });
});

describe("secureResponse during a database outage", () => {
  const ERROR_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Error</title></head><body><p>This page could not be shown.</p></body></html>';

  it("answers a failed page 503 with Retry-After, not cached, while the database is unreachable", async () => {
    const response = await respond("/blog/uncached", { databaseDown: async () => true }, nextAnswer(500, ERROR_PAGE));
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("30");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(gunzipSync(response.body).toString("utf8")).toBe(ERROR_PAGE);
  });

  it("says so in words where Next sent its empty error document", async () => {
    const response = await respond("/tag/uncached", { databaseDown: async () => true }, nextAnswer(500, ERROR_DOCUMENT));
    expect(response.status).toBe(503);
    expect(gunzipSync(response.body).toString("utf8")).toBe(OUTAGE_PAGE);
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
  });

  it("leaves a failure alone when the database answers, and never asks about pages that did not fail", async () => {
    expect((await respond("/blog/broken", { databaseDown: async () => false }, nextAnswer(500, ERROR_PAGE))).status).toBe(500);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    let asked = false;
    const response = await respond("/blog/fine", { databaseDown: async () => (asked = true) }, nextAnswer(200, NOT_FOUND_PAGE));
    expect(response.status).toBe(200);
    expect(asked).toBe(false);
  });
});

describe("notFoundPageFrom", () => {
  it("fetches the not-found page from the server's own address, and refuses anything else", async () => {
    let answer: [number, string] = [404, NOT_FOUND_PAGE];
    let requests = 0;
    server = createServer((req, res) => {
      requests += 1;
      expect(req.url).toBe("/_not-found");
      res.writeHead(answer[0], { "Content-Type": "text/html; charset=utf-8" }).end(answer[1]);
    });
    await new Promise<void>((resolve) => server!.listen(0, "localhost", resolve));
    let clock = 0;
    const page = notFoundPageFrom(`http://localhost:${(server.address() as AddressInfo).port}`, { ttlMs: 1_000, now: () => clock });
    expect((await page()).toString("utf8")).toBe(NOT_FOUND_PAGE);

    // Kept: asked for again, and by several 404s at once, it is fetched once.
    expect((await Promise.all([page(), page()])).map(String)).toEqual([NOT_FOUND_PAGE, NOT_FOUND_PAGE]);
    expect(requests).toBe(1);

    answer = [404, ERROR_DOCUMENT];
    page.forget();
    await expect(page()).rejects.toThrow(/empty error document/);
    answer = [200, "<html></html>"];
    await expect(page()).rejects.toThrow(/answered 200/);
    expect(requests).toBe(3);

    // A failure is not kept, and a kept page is fetched again once its time is up.
    answer = [404, NOT_FOUND_PAGE];
    expect((await page()).toString("utf8")).toBe(NOT_FOUND_PAGE);
    answer = [404, NOT_FOUND_PAGE.replace("Page not found</h1>", "Renamed site</h1>")];
    clock = 999;
    expect((await page()).toString("utf8")).toBe(NOT_FOUND_PAGE);
    clock = 1_000;
    expect((await page()).toString("utf8")).toContain("Renamed site");
    expect(requests).toBe(5);
  });
});
