// No "server-only" marker: the response hook runs in scripts/server.mjs's process outside React's server environment.
import { EVERY_ENTRY_TAG } from "@/lib/cache/tags";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";

/**
 * What a cache in front (Varnish, a CDN) is told about a reader page: how long it may keep it and which
 * of Quire's cache tags (lib/cache/tags.ts) the render used, so that a purge by tag removes exactly the
 * pages a write changed.
 */

/**
 * The surrogate keys of a page from its own cache tags (./request-tags.ts, implicit ones never among
 * them): de-duplicated, in a stable order, with the every-entry marker left out. A key is a tag as is
 * ("post:hello-world"); tags never contain spaces or commas, the separators of xkey and Surrogate-Key.
 */
export function surrogateKeys(tags: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (!trimmed || trimmed === EVERY_ENTRY_TAG || /[\s,]/.test(trimmed)) continue;
    keys.add(trimmed);
  }
  return [...keys].sort();
}

export interface EdgePolicy {
  /** How long the shared cache keeps a page; purges end it sooner. */
  sMaxAge: number;
  /** How long an expired page may be served while the cache fetches a new one. */
  staleWhileRevalidate: number;
  /** How long an expired page may be served while the app is unreachable or failing. */
  staleIfError: number;
}

/** A day at the edge (every write purges what it changed), a minute of background refresh, a day when the app is down. */
export const DEFAULT_EDGE_POLICY: EdgePolicy = { sMaxAge: 86_400, staleWhileRevalidate: 60, staleIfError: 86_400 };

/**
 * The Cache-Control of a tagged reader page: browsers revalidate every time (they cannot be purged),
 * shared caches keep it for sMaxAge.
 */
export function edgeCacheControl(policy: EdgePolicy = DEFAULT_EDGE_POLICY): string {
  return `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${policy.staleIfError}`;
}

/** The policy from EDGE_S_MAXAGE, EDGE_STALE_WHILE_REVALIDATE and EDGE_STALE_IF_ERROR (seconds). */
export function edgePolicyFromEnv(env: Record<string, string | undefined> = process.env): EdgePolicy {
  const seconds = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of seconds, not ${JSON.stringify(raw)}`);
    return value;
  };
  return {
    sMaxAge: seconds("EDGE_S_MAXAGE", DEFAULT_EDGE_POLICY.sMaxAge),
    staleWhileRevalidate: seconds("EDGE_STALE_WHILE_REVALIDATE", DEFAULT_EDGE_POLICY.staleWhileRevalidate),
    staleIfError: seconds("EDGE_STALE_IF_ERROR", DEFAULT_EDGE_POLICY.staleIfError),
  };
}

/** The session cookie under either of its names (lib/session-cookie.ts), chunked or not. */
/** Matches a Cookie header that carries a staff session. */
export const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIE_NAMES.map((name) => name.replace(/[.]/g, "\\.")).join("|")})(?:\\.\\d+)?=`);

/**
 * Whether a request may get a shared-cacheable answer: a plain GET or HEAD of a reader page by a
 * signed-out reader. Never the admin, the API, server actions, RSC (client navigation) payloads,
 * previews, or anything with a session cookie. The Varnish configuration (deploy/varnish) applies the
 * same rules on its side.
 */
export function isEdgeCacheableRequest(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (url ?? "/").split("?")[0] ?? "/";
  if (/^\/(?:admin|api|preview|login|_next)(?:\/|$)/.test(path)) return false;
  // Next varies its answer on these (its Vary header); the Varnish configuration passes them too.
  for (const name of ["next-action", "rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch"]) {
    if (headers[name] !== undefined) return false;
  }
  const cookie = headers.cookie;
  const cookies = Array.isArray(cookie) ? cookie.join("; ") : (cookie ?? "");
  return !SESSION_COOKIE.test(cookies);
}
