// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.

/**
 * Why reader 404s are rewritten by the server (scripts/server.mjs, through lib/http/secure-response.ts).
 *
 * A page that calls notFound() gets the right status and `noindex`, but Next (16.4) writes its HTML as an
 * empty `<html id="__next_error__">` document: no `lang`, no title, no text. The not-found UI
 * (not-found.tsx) is rendered by a client error boundary, and React's server renderer runs no error
 * boundaries, so the error escapes the HTML render and Next falls back to its error document; the
 * not-found page exists only in the RSC payload and appears once JavaScript has run (vercel/next.js#62228,
 * open; it happens with and without cacheComponents, with a not-found.tsx at any level, and
 * generateStaticParams or parameter matching only close the set of params known at build time). A URL
 * that matches no route is different: Next answers it with app/global-not-found.tsx, rendered in full.
 *
 * So when Next's answer is a 404 with that empty document, the server sends the global not-found page
 * instead, keeping Next's status and headers. Real pages, cached or not, are untouched, and a draft's URL
 * gets the very same page as a slug that never existed. Client-side navigations (RSC payloads) still get
 * Next's own answer, which renders the route group's not-found.tsx.
 */

/** Next's error document, as it begins its HTML (the doctype may be omitted). */
const EMPTY_ERROR_DOCUMENT = /^\s*(?:<!doctype html>\s*)?<html id="__next_error__"/i;

/** Whether this HTML is the empty error document Next answers an error thrown while rendering with. */
export function isEmptyErrorDocument(html: string): boolean {
  return EMPTY_ERROR_DOCUMENT.test(html.slice(0, 200));
}

/** A path no route matches: Next answers it with app/global-not-found.tsx and status 404. */
export const UNMATCHED_PATH = "/_not-found";

/** Gives the HTML of the global not-found page, decoded. */
export interface NotFoundPageSource {
  (): Promise<Buffer>;
  /** Drops the kept copy: the next 404 fetches the page again (call on every cache invalidation). */
  forget(): void;
}

export interface NotFoundPageOptions {
  timeoutMs?: number;
  /** How long a fetched page is used before it is fetched again, even without an invalidation. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The global not-found page as this server answers it at `origin` (its own address), kept for `ttlMs`
 * or until forget() (site settings shown on it change by invalidation), and shared by the 404s asked for
 * meanwhile; a missing slug then costs about what Next's own 404 did. Rejects unless the answer is a 404
 * HTML page with content, so a failure never replaces one empty page with another; a failure is not kept.
 */
export function notFoundPageFrom(origin: string, { timeoutMs = 5_000, ttlMs = 60_000, now = Date.now }: NotFoundPageOptions = {}): NotFoundPageSource {
  const url = new URL(UNMATCHED_PATH, origin);
  const fetchPage = async () => {
    const response = await fetch(url, { headers: { accept: "text/html" }, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 404 || !/^text\/html\b/i.test(response.headers.get("content-type") ?? "")) {
      throw new Error(`${url.pathname} answered ${response.status} ${response.headers.get("content-type") ?? ""}, not the not-found page`);
    }
    if (isEmptyErrorDocument(body.toString("utf8"))) throw new Error(`${url.pathname} answered the empty error document`);
    return body;
  };
  let kept: { page: Promise<Buffer>; until: number } | undefined;
  const source = (() => {
    if (kept && now() < kept.until) return kept.page;
    const entry = { page: fetchPage(), until: now() + ttlMs };
    kept = entry;
    entry.page.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return entry.page;
  }) as NotFoundPageSource;
  source.forget = () => {
    kept = undefined;
  };
  return source;
}
