// No "server-only" marker: instrumentation.ts loads this outside React's server environment.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/**
 * The finished bytes of public pages that Next served from its cache, answered again by
 * scripts/server.mjs without running Next's request pipeline.
 *
 * A page Next sends from its full-route cache still costs about 1 ms of CPU per request in routing,
 * cache lookup and response plumbing (as much for a 2 KB sitemap as for a 60 KB post), and it is
 * compressed again for every browser. This layer keeps what Next sent (headers and the encoded body)
 * and replays it, as a CDN in front of Next would, but inside the one process that also sees every
 * content change:
 *   - only responses Next marked `x-nextjs-cache: HIT` with a shared `s-maxage` are kept, so nothing
 *     rendered per request, no error page and no redirect is ever replayed;
 *   - every content write empties it (`hold`, from lib/cache-invalidation.ts) and it stays out of the
 *     way until Next has applied the write's tag invalidations, so the next request is Next's fresh answer;
 *   - an entry lives at most `ttlMs` (and never past the response's s-maxage), so Next's timed
 *     revalidation is only ever that much later than without it.
 * Each entry carries a strong ETag, so browsers can revalidate with If-None-Match and get a 304.
 */
export interface PageResponseCacheOptions {
  /** Total body bytes kept; the least recently used entries go first. */
  maxBytes: number;
  /** Larger responses pass through uncached. */
  maxEntryBytes: number;
  /** The longest an entry is replayed. */
  ttlMs: number;
  now?: () => number;
}

export const DEFAULT_PAGE_RESPONSE_CACHE: PageResponseCacheOptions = {
  maxBytes: 64 * 1024 * 1024,
  maxEntryBytes: 4 * 1024 * 1024,
  ttlMs: 60_000,
};

interface Entry {
  headers: OutgoingHttpHeaders;
  notModifiedHeaders: OutgoingHttpHeaders;
  etag: string;
  body: Buffer;
  expiresAt: number;
}

/** Headers that describe one connection or one transfer, not the page. */
const PER_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "etag"]);
/** Kept on a 304, as RFC 9110 (15.4.5) asks. */
const NOT_MODIFIED_HEADERS = ["cache-control", "content-location", "expires", "vary"];
/** Requests for an RSC payload, a prefetch or an action carry these (Next varies on them). */
const NEXT_REQUEST_HEADER = /^(rsc|next-)/i;
/** Next's draft-mode cookie: such requests must reach the renderer. */
const DRAFT_MODE_COOKIE = "__prerender_bypass=";

export class PageResponseCache {
  readonly #options: Required<PageResponseCacheOptions>;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  /** Bumped on every invalidation: a response that began before one is not kept. */
  #generation = 0;
  /** Invalidations whose tags Next has not applied yet; nothing is served or kept meanwhile. */
  #holds = 0;

  constructor(options: Partial<PageResponseCacheOptions> = {}) {
    this.#options = { ...DEFAULT_PAGE_RESPONSE_CACHE, now: Date.now, ...options };
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Answers the request from a kept response and returns true, or returns false and leaves it alone. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.#holds > 0) return false;
    const key = cacheKey(req);
    if (key === null) return false;
    const entry = this.#entries.get(key);
    if (!entry) return false;
    if (this.#options.now() >= entry.expiresAt) {
      this.#delete(key, entry);
      return false;
    }
    // Most recently used last, so eviction takes from the front.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
      res.writeHead(304, entry.notModifiedHeaders);
      res.end();
    } else {
      res.writeHead(200, entry.headers);
      res.end(req.method === "HEAD" ? undefined : entry.body);
    }
    return true;
  }

  /**
   * Watches the response Next is about to write for this request and keeps it once it has been sent,
   * if it is a cached public page. Call just before handing the request to Next.
   */
  capture(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET" || this.#holds > 0) return;
    const key = cacheKey(req);
    if (key === null) return;
    const generation = this.#generation;
    const chunks: Buffer[] = [];
    let length = 0;
    let tooLarge = false;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk as Uint8Array);
      length += buffer.length;
      if (length > this.#options.maxEntryBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else {
        chunks.push(buffer);
      }
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, ...args: Parameters<ServerResponse["write"]>) {
      collect(args[0], args[1]);
      return write.apply(this, args);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      collect(args[0], args[1]);
      return (end as (...endArgs: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse["end"];
    res.once("finish", () => {
      if (tooLarge || generation !== this.#generation || this.#holds > 0) return;
      this.#keep(key, res, Buffer.concat(chunks, length));
    });
  }

  /**
   * Empties the cache and keeps it out of the way until the returned release is called: for a content
   * write, between the write and Next having applied its tag invalidations. Releasing empties it again,
   * dropping anything a request read from Next in between.
   */
  hold(): () => void {
    this.#holds += 1;
    this.clear();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      this.clear();
    };
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#bytes = 0;
  }

  #keep(key: string, res: ServerResponse, body: Buffer): void {
    if (res.statusCode !== 200) return;
    const sent = res.getHeaders();
    if (sent["x-nextjs-cache"] !== "HIT" || sent["set-cookie"] !== undefined) return;
    const sharedMaxAge = sharedMaxAgeSeconds(sent["cache-control"]);
    if (sharedMaxAge === null || sharedMaxAge <= 0) return;
    if (body.length > this.#options.maxEntryBytes || body.length > this.#options.maxBytes) return;

    const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(sent)) {
      if (value !== undefined && !PER_RESPONSE_HEADERS.has(name)) headers[name] = value;
    }
    headers["content-length"] = String(body.length);
    headers.etag = etag;
    const notModifiedHeaders: OutgoingHttpHeaders = { etag };
    for (const name of NOT_MODIFIED_HEADERS) if (headers[name] !== undefined) notModifiedHeaders[name] = headers[name];

    const previous = this.#entries.get(key);
    if (previous) this.#delete(key, previous);
    const expiresAt = this.#options.now() + Math.min(this.#options.ttlMs, sharedMaxAge * 1000);
    this.#entries.set(key, { headers, notModifiedHeaders, etag, body, expiresAt });
    this.#bytes += body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#options.maxBytes) break;
      this.#delete(oldest, entry);
    }
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}

/**
 * The key a request's response is kept under, or null when it must always reach Next: anything but a
 * plain GET or HEAD of a public path without a query string. The Accept-Encoding header is part of
 * the key because Next compresses for it.
 */
export function cacheKey(req: IncomingMessage): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url;
  if (!url || url.includes("?") || url.startsWith("/_next/") || url.startsWith("/api/") || url === "/admin" || url.startsWith("/admin/")) return null;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (NEXT_REQUEST_HEADER.test(name) || name.length === 5 && name.toLowerCase() === "range") return null;
  }
  if (req.headers.cookie?.includes(DRAFT_MODE_COOKIE)) return null;
  return `${url}\n${req.headers["accept-encoding"] ?? ""}`;
}

/** s-maxage (or max-age) of a public, storable Cache-Control value, or null. */
export function sharedMaxAgeSeconds(cacheControl: string | number | string[] | undefined): number | null {
  if (typeof cacheControl !== "string") return null;
  let maxAge: number | null = null;
  let sharedMaxAge: number | null = null;
  for (const part of cacheControl.toLowerCase().split(",")) {
    const [name = "", value] = part.trim().split("=", 2);
    if (name === "private" || name === "no-store" || name === "no-cache") return null;
    if (name === "s-maxage") sharedMaxAge = Number(value);
    if (name === "max-age") maxAge = Number(value);
  }
  const seconds = sharedMaxAge ?? maxAge;
  return seconds !== null && Number.isFinite(seconds) ? seconds : null;
}

/** If-None-Match against one strong ETag, with the weak comparison RFC 9110 (13.1.2) prescribes. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

const SERVER_HOOK = Symbol.for("quire.pageResponseCache");

/** Hands the cache to scripts/server.mjs and to the server actions' bundle (called from instrumentation.ts). */
export function exposeToServer(cache: PageResponseCache): void {
  (globalThis as Record<symbol, unknown>)[SERVER_HOOK] = cache;
}

/** The running server's cache; undefined in tests and tools that start no server. */
export function runningPageResponseCache(): Pick<PageResponseCache, "hold"> | undefined {
  return (globalThis as Record<symbol, PageResponseCache | undefined>)[SERVER_HOOK];
}
