// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { contentSecurityPolicy, pageScripts, type PageScripts } from "@/lib/http/csp";
import { readerPage, STORED_PAGE_SCRIPTS_HEADER, storedPageScripts } from "@/lib/http/framework-scripts";
import { isEmptyErrorDocument } from "@/lib/http/not-found-page";

export interface SecureResponseOptions {
  dev?: boolean;
  /**
   * The global not-found page, sent in place of the empty error document Next answers a page's
   * notFound() with (lib/http/not-found-page.ts explains why). Without it, Next's 404 is sent as it is.
   */
  notFoundPage?: () => Promise<Buffer>;
  /**
   * Whether the database is unreachable just now. A page that failed (500) while it is answers 503 with
   * Retry-After: the outage is temporary, and crawlers keep the page instead of recording an error.
   */
  databaseDown?: () => Promise<boolean>;
}

/** Seconds a client or crawler is asked to wait before asking again for a page the outage stopped. */
const OUTAGE_RETRY_AFTER_SECONDS = 30;

/**
 * Sent in place of Next's empty error document while the database is unreachable: it needs nothing
 * from the database, and says in words (without JavaScript) what the status says.
 */
export const OUTAGE_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
  "<title>Temporarily unavailable</title></head>" +
  '<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1.25rem; line-height: 1.5">' +
  "<main><h1>Temporarily unavailable</h1><p>This page cannot be shown just now. Please try again in a minute.</p>" +
  '<p><a href="/">Go to the home page</a></p></main></body></html>';

type WriteHeadRest = [string | OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined, (OutgoingHttpHeaders | OutgoingHttpHeader[])?];

/**
 * Gives the response Next is about to write its Content-Security-Policy, and admin responses
 * `Cache-Control: no-store`. Call just before handing the request to Next (after the page response
 * cache's capture, so a kept page keeps its policy and is never hashed again).
 *
 * A strict policy lists a hash of each inline script, and Next's pages carry their flight data in
 * inline scripts that differ from page to page. A nonce would have to be rendered into every page and
 * so defeat Next's cache; hashes of the finished HTML work for cached and dynamic pages alike. The
 * hashes are known only once the page is complete, so an HTML response is held back (as Next wrote it,
 * compressed or not) until it ends, then sent whole with its policy and length. Other responses (assets,
 * feeds, images, RSC payloads) pass through at once with the same policy without hashes. In development
 * nothing is held back: the policy allows inline scripts there, for Next's tooling.
 *
 * A reader page the pages cache stored stripped (lib/http/framework-scripts.ts) comes with the policy
 * sources of its scripts in a header of its own: it is sent as Next wrote it, with that policy, without
 * being decoded, stripped, hashed or encoded again (the header itself is never sent).
 *
 * A held 404 that is Next's empty error document (a page called notFound()) is sent as the global
 * not-found page from `notFoundPage`, outside the admin (lib/http/not-found-page.ts). A held 500 is
 * answered as 503 while `databaseDown` says the database is unreachable.
 */
export function secureResponse(req: IncomingMessage, res: ServerResponse, { dev = false, notFoundPage, databaseDown }: SecureResponseOptions = {}): void {
  const admin = isAdminPath(req.url ?? "");
  const preview = isPreviewPath(req.url ?? "");
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const flushHeaders = res.flushHeaders;
  let mode: "undecided" | "pass" | "hold" = "undecided";
  const chunks: Buffer[] = [];
  /** The policy sources of a page stored stripped, from its header; null for any other response. */
  let stored: PageScripts | null = null;

  const decide = (): typeof mode => {
    if (mode !== "undecided") return mode;
    stored = storedPageScripts(res.getHeader(STORED_PAGE_SCRIPTS_HEADER));
    res.removeHeader(STORED_PAGE_SCRIPTS_HEADER);
    if (admin) res.setHeader("Cache-Control", "no-store");
    // Previews show unpublished text: no shared cache may keep them and no search engine may list them.
    if (preview) {
      res.setHeader("Cache-Control", "private, no-store");
      res.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
    const type = String(res.getHeader("content-type") ?? "");
    const hold = !dev && req.method !== "HEAD" && /^text\/html\b/i.test(type) && res.statusCode !== 204 && res.statusCode !== 304;
    mode = hold ? "hold" : "pass";
    // A 304 updates the headers of the page the browser kept: a policy without that page's hashes would replace its own.
    if (!hold && res.statusCode !== 304) res.setHeader("Content-Security-Policy", contentSecurityPolicy({ dev }));
    return mode;
  };

  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: WriteHeadRest) {
    if (mode === "pass") return writeHead.call(this, statusCode, ...(rest as [OutgoingHttpHeaders]));
    applyHead(this, statusCode, rest);
    return decide() === "pass" ? writeHead.call(this, this.statusCode) : this;
  } as ServerResponse["writeHead"];

  res.flushHeaders = function (this: ServerResponse) {
    // Node's own way of writing the implicit head, through every wrapper of writeHead (compression's too).
    if (mode === "undecided") this.writeHead(this.statusCode);
    if (mode !== "hold") flushHeaders.call(this);
  };

  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (decide() === "pass") return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
    chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    if (decide() === "pass") return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, encoding, callback);
    if (typeof chunk === "function") callback = chunk;
    else if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
    if (typeof encoding === "function") callback = encoding;
    const held = Buffer.concat(chunks);
    chunks.length = 0;
    const send = (sent: Buffer, scripts: PageScripts): ServerResponse => {
      this.setHeader("Content-Security-Policy", contentSecurityPolicy(scripts));
      this.removeHeader("transfer-encoding");
      this.setHeader("Content-Length", sent.length);
      mode = "pass";
      writeHead.call(this, this.statusCode);
      return (end as (...args: unknown[]) => ServerResponse).call(this, sent, callback);
    };
    // A reader page from the pages cache is ready as it is; 404s and 500s may still be replaced below.
    if (stored !== null && this.statusCode !== 404 && this.statusCode !== 500) return send(held, stored);
    const coding = String(this.getHeader("content-encoding") ?? "identity").trim().toLowerCase();
    const decoded = decodeHtml(held, coding);
    // Reader pages go out without the framework's scripts (lib/http/framework-scripts.ts), hashed in the same pass.
    const reader = decoded === null ? null : readerPage(decoded);
    const html = reader?.html ?? decoded;
    const body = reader === null ? held : encodeAs(Buffer.from(reader.html, "utf8"), coding);
    const sendPage = (sent: Buffer, text: string | null) => send(sent, scriptsOf(text));
    const sendOwn = () => send(body, reader?.scripts ?? scriptsOf(html));
    if (notFoundPage && this.statusCode === 404 && html !== null && isEmptyErrorDocument(html) && !admin) {
      // Next's status and headers stay, but for the cache lifetime; only the document is replaced, encoded
      // as Next encoded its own. Next gives a route's 404 the day-long shared lifetime of its pages, and a
      // proxy would keep answering 404 for a day after the post is published: only 200s carry the
      // surrogate keys a purge reaches. So it gets the global not-found page's own policy.
      this.setHeader("Cache-Control", NOT_FOUND_CACHE_CONTROL);
      notFoundPage().then(
        (page) => sendPage(encodeAs(page, coding), page.toString("utf8")),
        (error: unknown) => {
          console.error("Could not fetch the not-found page; sending Next's empty 404 document", error);
          sendOwn();
        },
      );
      return this;
    }
    if (databaseDown && this.statusCode === 500) {
      databaseDown().then(
        (down) => {
          if (!down) return sendOwn();
          this.statusCode = 503;
          this.setHeader("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
          this.setHeader("Cache-Control", "no-store");
          // The site's own error page when Next drew one; its empty error document says nothing without JavaScript.
          if (html === null || !isEmptyErrorDocument(html)) return sendOwn();
          sendPage(encodeAs(Buffer.from(OUTAGE_PAGE), coding), OUTAGE_PAGE);
        },
        () => sendOwn(),
      );
      return this;
    }
    return sendOwn();
  } as ServerResponse["end"];
}

/** What Next sends with app/global-not-found.tsx (a path no route matches). */
export const NOT_FOUND_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

/** /admin and everything under it: staff pages, never to be stored by a browser or a proxy. */
/** A secret preview link (/preview/<token>) or the staff preview of a post (/admin/posts/<id>/preview). */
function isPreviewPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return path.startsWith("/preview/") || /^\/admin\/posts\/[^/]+\/preview\/?$/.test(path);
}

function isAdminPath(url: string): boolean {
  return url === "/admin" || url.startsWith("/admin/") || url.startsWith("/admin?");
}

/** What writeHead's arguments would have set, set on the response instead, so the head can wait. */
function applyHead(res: ServerResponse, statusCode: number, rest: WriteHeadRest): void {
  res.statusCode = statusCode;
  let headers = rest[0];
  if (typeof headers === "string") {
    res.statusMessage = headers;
    headers = rest[1];
  }
  if (Array.isArray(headers)) {
    // A flat [name, value, name, value…] list, as Node accepts it.
    for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), headers[i + 1] as string);
  } else if (headers) {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk as Uint8Array);
}

/** An HTML body as sent, decoded to text; null if it cannot be decoded. */
function decodeHtml(body: Buffer, coding: string): string | null {
  try {
    const html =
      coding === "gzip" ? gunzipSync(body) : coding === "deflate" ? inflateSync(body) : coding === "br" ? brotliDecompressSync(body) : body;
    return html.toString("utf8");
  } catch (error) {
    console.error("Could not read an HTML response to hash its scripts", error);
    return null;
  }
}

/** A decoded body, encoded with the response's content coding. */
function encodeAs(body: Buffer, coding: string): Buffer {
  return coding === "gzip" ? gzipSync(body) : coding === "deflate" ? deflateSync(body) : coding === "br" ? brotliCompressSync(body) : body;
}

/**
 * The inline script hashes and external script origins of an HTML page; none if it could not be decoded
 * (the page then runs no inline or external script).
 */
function scriptsOf(html: string | null): PageScripts {
  return html === null ? { scriptHashes: [], scriptOrigins: [] } : pageScripts(html);
}
