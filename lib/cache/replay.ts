// No "server-only" marker: instrumentation.ts loads this outside React's server environment.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { deserialize, serialize } from "node:v8";
import { isCanonicalPath } from "@/lib/cache/canonical-path";
import { currentRequestTags, type CachedPage } from "@/lib/cache/edge/request-tags";
import { SESSION_COOKIE } from "@/lib/cache/edge/surrogate";
import type { CacheRuntime } from "@/lib/cache/runtime";
import { megabytesFromEnvironment } from "@/lib/cache/storage/memory";
import type { EntryStorage } from "@/lib/cache/storage/types";
import type { TagStore } from "@/lib/cache/tag-store";

export interface PageResponseCacheOptions {
  /** Total bytes kept (bodies, headers and keys); the least recently used entries go first. */
  maxBytes: number;
  /** Entries kept at most. */
  maxEntries: number;
  /** Larger responses pass through uncached. */
  maxEntryBytes: number;
  /** The longest an entry is replayed. */
  ttlMs: number;
  /**
   * Keys remembered as asked for once. A page is kept only when it is asked for again while remembered,
   * so a walk over many pages each asked for once (a crawler, a flood of distinct URLs) cannot push the
   * pages readers keep asking for out of the cache. 0 keeps every page on its first request.
   */
  admissionKeys: number;
  now?: () => number;
}

/**
 * MB the replay keeps by default (QUIRE_PAGE_REPLAY_MB): a post page is about 20 KB gzipped, so 32 MB
 * holds about 1,500 pages in the encoding browsers ask for. Only pages asked for twice are kept, and any
 * invalidation empties it, so it holds the pages readers come back to; README "Memory" has the measurements.
 */
export const DEFAULT_PAGE_REPLAY_MB = 32;

export const DEFAULT_PAGE_RESPONSE_CACHE: PageResponseCacheOptions = {
  maxBytes: megabytesFromEnvironment(process.env, "QUIRE_PAGE_REPLAY_MB", DEFAULT_PAGE_REPLAY_MB),
  maxEntries: 20_000,
  maxEntryBytes: 4 * 1024 * 1024,
  ttlMs: 60_000,
  admissionKeys: 20_000,
};

/** A response as it is replayed. */
interface Answer {
  headers: OutgoingHttpHeaders;
  notModifiedHeaders: OutgoingHttpHeaders;
  etag: string;
  body: Buffer;
}

interface Entry extends Answer {
  expiresAt: number;
  /** What the entry counts against maxBytes. */
  bytes: number;
}

/**
 * Where answers are also kept beyond memory (see PageResponseCache): the cache runtime's storage (disk or
 * Redis) and its tag expirations.
 */
export interface StoredResponses {
  storage: EntryStorage;
  tags: Pick<TagStore, "isStale">;
}

/** An answer in the storage, valid while the page cache entry it was made from is. */
interface StoredAnswer extends Answer, CachedPage {
  expiresAt: number;
}

const STORED_KEY_PREFIX = "response:";

/** Headers that describe one connection or one transfer, not the page. */
const PER_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "etag"]);
/**
 * Kept on a 304, as RFC 9110 (15.4.5) asks, and the page's Content-Security-Policy: a browser applies
 * the 304's headers to the page it kept, so the policy listing that page's script hashes must come along.
 */
const NOT_MODIFIED_HEADERS = ["cache-control", "content-location", "expires", "vary", "content-security-policy"];
/** Requests for an RSC payload, a prefetch or an action carry these (Next varies on them). */
const NEXT_REQUEST_HEADER = /^(rsc|next-)/i;
/** What Next's pages vary on: the request headers above, and the encoding, which is in the key. */
const KNOWN_VARY = new Set(["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "accept-encoding"]);
/** Longer URLs are not real pages; they go to Next rather than take room here. */
const MAX_URL_LENGTH = 512;
/** Next's draft-mode cookie: such requests must reach the renderer. */
const DRAFT_MODE_COOKIE = "__prerender_bypass=";

/**
 * The finished bytes of public pages that Next served from its cache, answered again by
 * scripts/server.mjs without running Next's request pipeline.
 *
 * A page Next sends from its full-route cache still costs about 5 ms of CPU per request in routing,
 * reading its cache entry and response plumbing (bench/walk.ts, a post of the 10k set), and it is
 * compressed again for every browser. This layer keeps what Next sent (headers and the encoded body)
 * and replays it, as a CDN in front of Next would, but inside the one process that also sees every
 * content change:
 *   - only 200 responses Next marked `x-nextjs-cache: HIT`, with a public lifetime (s-maxage, or
 *     max-age for the feeds and sitemap) and no cookie, are kept, so nothing rendered per request, no
 *     error page and no redirect is ever replayed;
 *   - every invalidation, this instance's or another's, empties it (`attach`, subscribed to the cache
 *     runtime's bus, lib/cache/runtime.ts), after the tag expirations took effect in Next's cache
 *     handlers, so the next request is Next's fresh answer; a response begun before is not kept;
 *   - an entry lives at most `ttlMs` (and never past the response's lifetime), so Next's timed
 *     revalidation is only ever that much later than without it;
 *   - it is keyed by path and the encoding Next picks for the request (gzip, deflate or none), so it
 *     holds at most three copies of each page; requests it cannot key exactly go to Next, and so do
 *     paths that are not in their canonical form (lib/cache/canonical-path.ts), so variants of one URL
 *     never take several places;
 *   - a page is kept only on its second request while remembered (`admissionKeys`), so pages asked for
 *     once, however many, never evict the ones readers come back to.
 * Each entry carries a strong ETag, so browsers can revalidate with If-None-Match and get a 304.
 *
 * With `stored` (the cache runtime's storage and tag expirations), every such answer, and the first one
 * Next renders (`x-nextjs-cache: MISS`), is also kept there, beside the page cache entry it was made
 * from, for as long as that entry is valid: the tags and time the pages handler noted for the request
 * (lib/cache/handlers/pages.ts). So the first request for a page since it was rendered, after a restart
 * or by a crawler walking the long tail, is answered from storage too; memory keeps to the pages readers
 * come back to, and storage holds the whole site.
 */
export class PageResponseCache {
  readonly #options: Required<PageResponseCacheOptions>;
  readonly #stored: StoredResponses | undefined;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  /** Bumped on every invalidation: a response that began before one is not kept in memory. */
  #generation = 0;
  /** Keys asked for once recently (see admissionKeys). */
  #seen = new Set<string>();

  constructor(options: Partial<PageResponseCacheOptions> = {}, stored?: StoredResponses) {
    this.#options = { ...DEFAULT_PAGE_RESPONSE_CACHE, now: Date.now, ...options };
    this.#stored = stored;
  }

  /** Entries kept in memory. */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes kept in memory, as counted against maxBytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Answers the request from a kept response and returns true, or returns false and leaves it alone.
   * With `fallback` and storage, a request memory cannot answer is looked up there: this returns true
   * and calls `fallback` when the storage has no valid answer either.
   */
  serve(req: IncomingMessage, res: ServerResponse, fallback?: () => void): boolean {
    const key = cacheKey(req);
    if (key === null) return false;
    const entry = this.#entries.get(key);
    if (entry && this.#options.now() < entry.expiresAt) {
      // Most recently used last, so eviction takes from the front.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      answer(req, res, entry);
      return true;
    }
    if (entry) this.#delete(key, entry);
    if (!this.#stored || !fallback) return false;
    void this.#serveStored(this.#stored, key, req, res, fallback);
    return true;
  }

  async #serveStored({ storage, tags }: StoredResponses, key: string, req: IncomingMessage, res: ServerResponse, fallback: () => void): Promise<void> {
    try {
      const bytes = await storage.get(STORED_KEY_PREFIX + key);
      const stored = bytes ? (deserialize(bytes) as Partial<StoredAnswer>) : undefined;
      // Checked after the read: an invalidation heard meanwhile counts.
      if (!isStoredAnswer(stored) || this.#options.now() >= stored.expiresAt || tags.isStale(stored.tags, stored.madeAt)) {
        fallback();
        return;
      }
      if (req.method === "GET" && this.#admit(key)) this.#keepInMemory(key, stored, stored.expiresAt);
      answer(req, res, stored);
    } catch (error) {
      console.error(`Cache: could not answer ${key} from its kept answer`, error);
      if (!res.headersSent) fallback();
    }
  }

  /**
   * Watches the response Next is about to write for this request and keeps it once it has been sent,
   * if it is a cached public page. Call just before handing the request to Next, inside the request's
   * tags (lib/cache/edge/request-tags.ts).
   */
  capture(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET") return;
    const key = cacheKey(req);
    if (key === null) return;
    const admitted = this.#admit(key);
    // The pages handler notes there which cache entry the answer comes from.
    const request = this.#stored ? currentRequestTags() : undefined;
    if (!admitted && !request) return;
    const generation = this.#generation;
    const started = this.#options.now();
    const chunks: Buffer[] = [];
    let length = 0;
    let status: string | undefined;
    let skipped = false;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (skipped || chunk === undefined || chunk === null || typeof chunk === "function") return;
      // Headers are set before the first byte: stop watching a response that will not be kept.
      if (status === undefined) {
        status = String(res.getHeader("x-nextjs-cache"));
        if (res.statusCode !== 200 || !(status === "HIT" || (status === "MISS" && request))) {
          skipped = true;
          return;
        }
      }
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk as Uint8Array);
      length += buffer.length;
      if (length > this.#options.maxEntryBytes) {
        skipped = true;
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
      if (skipped) return;
      const kept = keptAnswer(res, Buffer.concat(chunks, length));
      if (!kept) return;
      if (admitted && status === "HIT" && generation === this.#generation) {
        this.#keepInMemory(key, kept.answer, started + kept.lifetimeSeconds * 1000);
      }
      const page = request?.cachedPage;
      if (this.#stored && page) void this.#store(this.#stored, key, kept.answer, page, kept.lifetimeSeconds);
    });
  }

  /** Empties memory on every invalidation the runtime hears of; returns the unsubscribe. */
  attach(runtime: Pick<CacheRuntime, "onInvalidate">): () => void {
    return runtime.onInvalidate(() => this.clear());
  }

  /** Whether a response for `key` may be kept now: it was asked for before, or is kept already. */
  #admit(key: string): boolean {
    if (this.#options.admissionKeys === 0 || this.#entries.has(key) || this.#seen.delete(key)) return true;
    if (this.#seen.size >= this.#options.admissionKeys) this.#seen.clear();
    this.#seen.add(key);
    return false;
  }

  /** Forgets every entry in memory; a response under way when it is called is not kept there either. */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Keeps `kept` in memory until `lifetimeEnd` (ms) at most. */
  #keepInMemory(key: string, kept: Answer, lifetimeEnd: number): void {
    let bytes = kept.body.length + key.length;
    for (const [name, value] of Object.entries(kept.headers)) bytes += name.length + String(value).length;
    if (bytes > this.#options.maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#delete(key, previous);
    const { headers, notModifiedHeaders, etag, body } = kept;
    const expiresAt = Math.min(this.#options.now() + this.#options.ttlMs, lifetimeEnd);
    this.#entries.set(key, { headers, notModifiedHeaders, etag, body, expiresAt, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#options.maxBytes && this.#entries.size <= this.#options.maxEntries) break;
      this.#delete(oldest, entry);
    }
  }

  /**
   * Keeps `kept` in storage while `page` is valid, and from when the page was made until Next would render
   * it again, or the response's lifetime, whichever ends first.
   */
  async #store({ storage }: StoredResponses, key: string, kept: Answer, page: CachedPage, lifetimeSeconds: number): Promise<void> {
    const expiresAt = page.madeAt + Math.min(lifetimeSeconds, page.revalidateSeconds ?? Infinity) * 1000;
    const ttlSeconds = Math.floor((expiresAt - this.#options.now()) / 1000);
    if (ttlSeconds <= 0) return;
    // Replayed, it is a hit: the header Next sent on the render that stored it says MISS.
    const stored: StoredAnswer = { ...kept, headers: { ...kept.headers, "x-nextjs-cache": "HIT" }, tags: page.tags, madeAt: page.madeAt, expiresAt };
    try {
      await storage.set(STORED_KEY_PREFIX + key, serialize(stored), ttlSeconds);
    } catch (error) {
      console.error(`Cache: could not keep the answer for ${key}`, error);
    }
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

/** The answer to keep from a finished response and how long it may be kept, or null when it must not be. */
function keptAnswer(res: ServerResponse, body: Buffer): { answer: Answer; lifetimeSeconds: number } | null {
  if (res.statusCode !== 200) return null;
  const sent = res.getHeaders();
  const status = sent["x-nextjs-cache"];
  if ((status !== "HIT" && status !== "MISS") || sent["set-cookie"] !== undefined) return null;
  const lifetimeSeconds = publicLifetimeSeconds(sent["cache-control"]);
  if (lifetimeSeconds === null || lifetimeSeconds <= 0) return null;
  // A response that varies on anything else (a cookie, Accept) would be replayed to the wrong readers.
  const vary = [sent.vary ?? []].flat().join(",").toLowerCase().split(",").map((name) => name.trim());
  if (vary.some((name) => name !== "" && !KNOWN_VARY.has(name))) return null;

  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(sent)) {
    if (value !== undefined && !PER_RESPONSE_HEADERS.has(name)) headers[name] = value;
  }
  headers["content-length"] = String(body.length);
  headers.etag = etag;
  const notModifiedHeaders: OutgoingHttpHeaders = { etag };
  for (const name of NOT_MODIFIED_HEADERS) if (headers[name] !== undefined) notModifiedHeaders[name] = headers[name];
  return { answer: { headers, notModifiedHeaders, etag, body }, lifetimeSeconds };
}

/** Whether a value read from storage is a whole StoredAnswer (an entry of another shape is skipped). */
function isStoredAnswer(value: Partial<StoredAnswer> | undefined): value is StoredAnswer {
  return (
    value !== undefined &&
    Array.isArray(value.tags) &&
    typeof value.madeAt === "number" &&
    typeof value.expiresAt === "number" &&
    typeof value.etag === "string" &&
    Buffer.isBuffer(value.body) &&
    typeof value.headers === "object" &&
    typeof value.notModifiedHeaders === "object"
  );
}

/** Writes a kept answer: a 304 when the request holds its ETag, no body for HEAD. */
function answer(req: IncomingMessage, res: ServerResponse, kept: Answer): void {
  if (matchesEtag(req.headers["if-none-match"], kept.etag)) {
    res.writeHead(304, kept.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(200, kept.headers);
    res.end(req.method === "HEAD" ? undefined : kept.body);
  }
}

/**
 * The key a request's response is kept under, or null when it must always reach Next: anything but a
 * plain GET or HEAD of a public path in canonical form without a query string, from a reader (no draft mode,
 * no staff session), and any Accept-Encoding whose outcome negotiatedEncoding cannot tell.
 */
export function cacheKey(req: IncomingMessage): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url;
  if (!url || url.length > MAX_URL_LENGTH || url[0] !== "/" || url.includes("?")) return null;
  if (url.startsWith("/_next/") || url.startsWith("/api/") || url === "/admin" || url.startsWith("/admin/")) return null;
  if (!isCanonicalPath(url)) return null;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (NEXT_REQUEST_HEADER.test(name) || (name.length === 5 && name.toLowerCase() === "range")) return null;
  }
  // Draft mode must reach the renderer; a signed-in request's answer lacks the edge headers (lib/cache/edge).
  const cookie = req.headers.cookie;
  if (cookie !== undefined && (cookie.includes(DRAFT_MODE_COOKIE) || SESSION_COOKIE.test(cookie))) return null;
  const encoding = negotiatedEncoding(req.headers["accept-encoding"]);
  return encoding === null ? null : `${encoding} ${url}`;
}

const CODINGS = new Set(["gzip", "deflate", "br", "zstd"]);

/**
 * The encoding Next's compression (gzip, deflate or none) picks for an Accept-Encoding header, for
 * plain lists of common codings, which is what browsers and crawlers send; null for anything else
 * (quality values, `*`, `identity`, unknown codings), whose outcome depends on finer rules of content
 * negotiation. With plain lists gzip wins whenever it is listed, then deflate.
 */
export function negotiatedEncoding(header: string | undefined): "gzip" | "deflate" | "identity" | null {
  if (header === undefined || header.trim() === "") return "identity";
  if (header.length > 100) return null;
  const codings = header.toLowerCase().split(",").map((coding) => coding.trim());
  if (!codings.every((coding) => CODINGS.has(coding))) return null;
  return codings.includes("gzip") ? "gzip" : codings.includes("deflate") ? "deflate" : "identity";
}

/** How long a shared cache may keep a response, from its Cache-Control (s-maxage, else max-age), or null. */
export function publicLifetimeSeconds(cacheControl: string | number | string[] | undefined): number | null {
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
