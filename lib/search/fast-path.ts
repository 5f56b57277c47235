import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { deflate, gzip } from "node:zlib";
import { negotiatedEncoding } from "@/lib/cache/replay";
import type { CacheRuntime } from "@/lib/cache/runtime";
import { findPosts, SEARCH_RESULT_TAGS, warmSearchConnections } from "@/lib/search";
import { searchResultsHtml, searchTitle } from "@/lib/search/html";
import { fillSearchTemplateBytes, parseSearchTemplate, SEARCH_TEMPLATE_PARAM, searchTemplateToken, type SearchTemplate } from "@/lib/search/template";
import { parseSearchPage, parseSearchQuery, searchKey } from "@/lib/search-query";

const gzipAsync = promisify(gzip);
const deflateAsync = promisify(deflate);

export interface SearchFastPathOptions {
  /** Bytes of results HTML kept for repeated queries. */
  maxResultBytes?: number;
  /** How long a template fetch may take before searches fall back to Next. */
  templateTimeoutMs?: number;
}

/** What scripts/server.mjs calls (through lib/server-boundary.ts). */
export interface SearchFastPath {
  /**
   * Answers a plain GET or HEAD of /search?q=… and returns true, or returns false and leaves the request
   * alone. `fallback` hands the request to Next if the answer fails after this returned true.
   */
  serve(req: IncomingMessage, res: ServerResponse, fallback: () => void): boolean;
  /** Where the server listens; the template is fetched from there, and the search connections opened. */
  setOwnOrigin(origin: string): void;
}

interface LoadedTemplate {
  template: SearchTemplate;
  headers: OutgoingHttpHeaders;
  timeZone: string;
}

interface ResultEntry {
  /** UTF-8, as sent: off V8's heap, so the kept results add nothing to what its collector marks. */
  html: Buffer;
  createdAt: number;
}

/** Requests for an RSC payload, a prefetch or an action carry these: Next answers them. */
const NEXT_REQUEST_HEADER = /^(rsc|next-)/i;
const DRAFT_MODE_COOKIE = "__prerender_bypass=";
/** Longer targets are not searches anyone typed (the query is cut to 200 characters anyway). */
const MAX_URL_LENGTH = 8192;
/** Headers of the template response that describe it, not the page. */
const TEMPLATE_ONLY_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "content-encoding", "etag", "content-security-policy", "set-cookie", "x-nextjs-cache", "x-nextjs-stale-time", "x-nextjs-prerender"]);
const TIME_ZONE = /<div class="mt-10" data-time-zone="([^"]*)">/;

/**
 * Search results without rendering the page per query. The search page is rendered by Next once with
 * placeholders (lib/search/template.ts), kept until any cache invalidation, and each search fills it
 * with the query and the results HTML (lib/search/html.ts). Results HTML is kept per query and page
 * until a write expires the post lists (SEARCH_RESULT_TAGS, checked against the cache runtime's tag
 * expirations like every cached entry). Client navigations (RSC requests) and the empty query still go
 * to Next. After an invalidation the next search waits for the template to be rendered again; while it
 * cannot be (a failed render, for 5 s), searches go to Next.
 */
export function createSearchFastPath(runtime: Pick<CacheRuntime, "onInvalidate" | "tags">, options: SearchFastPathOptions = {}): SearchFastPath {
  const maxResultBytes = options.maxResultBytes ?? 16 * 1024 * 1024;
  const templateTimeoutMs = options.templateTimeoutMs ?? 10_000;
  const token = searchTemplateToken(true)!;
  let origin: string | null = null;
  let loaded: LoadedTemplate | null = null;
  let loading: Promise<void> | null = null;
  /** Bumped on every invalidation: a template fetched across one is not kept. */
  let generation = 0;
  let failedAt = 0;
  const results = new Map<string, ResultEntry>();
  let resultBytes = 0;
  const pending = new Map<string, Promise<Buffer>>();

  runtime.onInvalidate(() => {
    generation += 1;
    loaded = null;
  });

  /** The template's load, started if it is not under way; null while it cannot be (no origin yet, or it just failed). */
  function loadTemplate(): Promise<void> | null {
    if (loading) return loading;
    if (origin === null || Date.now() - failedAt < 5_000) return null;
    const started = generation;
    loading = fetchTemplate(`${origin}/search?${SEARCH_TEMPLATE_PARAM}=${token}`, templateTimeoutMs)
      .then((fetched) => {
        if (started === generation) loaded = fetched;
      })
      .catch((error: unknown) => {
        failedAt = Date.now();
        console.error("Search: could not load the page template; searches are rendered by Next meanwhile", error);
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  function keep(key: string, html: Buffer, createdAt: number): void {
    const previous = results.get(key);
    if (previous) {
      results.delete(key);
      resultBytes -= previous.html.length + key.length;
    }
    results.set(key, { html, createdAt });
    resultBytes += html.length + key.length;
    for (const [oldest, entry] of results) {
      if (resultBytes <= maxResultBytes) break;
      results.delete(oldest);
      resultBytes -= entry.html.length + oldest.length;
    }
  }

  /** The results HTML for a query text and page, from the kept copy while no write has expired it. */
  function resultsHtml(text: string, key: string, page: number, timeZone: string): Buffer | Promise<Buffer> {
    const cacheKey = `${page} ${timeZone} ${text}`;
    const kept = results.get(cacheKey);
    if (kept && !runtime.tags.isStale(SEARCH_RESULT_TAGS, kept.createdAt)) {
      results.delete(cacheKey);
      results.set(cacheKey, kept);
      return kept.html;
    }
    const running = pending.get(cacheKey);
    if (running) return running;
    const createdAt = Date.now();
    const work = findPosts(key, page)
      .then((found) => {
        const html = Buffer.from(searchResultsHtml(text, found, timeZone), "utf8");
        // A write during the query made it stale already: answer with it, keep nothing.
        if (!runtime.tags.isStale(SEARCH_RESULT_TAGS, createdAt)) keep(cacheKey, html, createdAt);
        return html;
      })
      .finally(() => pending.delete(cacheKey));
    pending.set(cacheKey, work);
    return work;
  }

  return {
    setOwnOrigin(value) {
      origin = value;
      loadTemplate();
      warmSearchConnections().catch((error: unknown) => console.error("Search: could not open its database connections ahead of the first search", error));
    },
    serve(req, res, fallback) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = req.url ?? "";
      if (!url.startsWith("/search?") || url.length > MAX_URL_LENGTH) return false;
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) if (NEXT_REQUEST_HEADER.test(raw[i]!)) return false;
      if (req.headers.cookie?.includes(DRAFT_MODE_COOKIE)) return false;
      const params = new URLSearchParams(url.slice("/search?".length));
      if (params.has(SEARCH_TEMPLATE_PARAM)) return false;
      const query = parseSearchQuery(params.getAll("q"));
      // The empty page focuses its input: Next renders it (and the replay keeps it).
      if (query.text === "") return false;
      const page = parseSearchPage(params.getAll("page"));
      const answer = async (current: LoadedTemplate): Promise<void> => {
        const found = resultsHtml(query.text, searchKey(query), page, current.timeZone);
        await send(req, res, current, query.text, Buffer.isBuffer(found) ? found : await found);
      };
      const current = loaded;
      if (current) {
        answer(current).catch((error: unknown) => fail(res, error, fallback));
        return true;
      }
      // After a write the first search waits for the page to be rendered again (once for everyone waiting).
      const waiting = loadTemplate();
      if (!waiting) return false;
      waiting
        .then(() => (loaded ? answer(loaded) : fallback()))
        .catch((error: unknown) => fail(res, error, fallback));
      return true;
    },
  };
}

function fail(res: ServerResponse, error: unknown, fallback: () => void): void {
  console.error("Search: the fast path failed; rendering with Next", error);
  if (!res.headersSent) fallback();
  else res.destroy();
}

async function send(req: IncomingMessage, res: ServerResponse, loaded: LoadedTemplate, text: string, resultsHtml: Buffer): Promise<void> {
  const encoding = negotiatedEncoding(req.headers["accept-encoding"]) ?? "identity";
  let body = fillSearchTemplateBytes(loaded.template, { query: text, results: resultsHtml, title: searchTitle(text) });
  // Compressed on libuv's threads, off the event loop.
  if (encoding === "gzip") body = await gzipAsync(body);
  else if (encoding === "deflate") body = await deflateAsync(body);
  const headers: OutgoingHttpHeaders = { ...loaded.headers, "content-security-policy": loaded.template.policy, "content-length": String(body.length), "x-quire-search": "index" };
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function fetchTemplate(url: string, timeoutMs: number): Promise<LoadedTemplate> {
  const response = await fetch(url, { headers: { "accept-encoding": "identity" }, signal: AbortSignal.timeout(timeoutMs) });
  const html = await response.text();
  if (response.status !== 200 || !/^text\/html\b/i.test(response.headers.get("content-type") ?? "")) {
    throw new Error(`The search template answered ${response.status} ${response.headers.get("content-type")}`);
  }
  const timeZone = TIME_ZONE.exec(html)?.[1];
  if (!timeZone) throw new Error("The search template names no time zone");
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (!TEMPLATE_ONLY_HEADERS.has(name)) headers[name] = value;
  });
  return { template: parseSearchTemplate(html), headers, timeZone: decodeAttribute(timeZone) };
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#x27);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'" })[name]!);
}
