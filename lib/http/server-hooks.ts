// No "server-only" marker: instrumentation.ts loads this outside React's server environment.
import type { IncomingMessage, ServerResponse } from "node:http";
import { actionBodyRefusal, type BodyRefusal } from "@/lib/http/action-body-limit";
import { contentSecurityPolicy } from "@/lib/http/csp";
import { repairPathEncoding } from "@/lib/http/request-path";
import { notFoundPageFrom } from "@/lib/http/not-found-page";
import { secureResponse } from "@/lib/http/secure-response";
import { parseTrustedProxies, sanitizeForwardedHeaders } from "@/lib/http/trusted-proxies";

/** What scripts/server.mjs does to every request before Next sees it, and to every response. */
export interface ServerHttpHooks {
  /** Drops forwarded headers from untrusted peers and sets x-real-ip (lib/http/trusted-proxies.ts). */
  sanitizeForwardedHeaders(req: IncomingMessage): void;
  /** The request target with undecodable or NUL escapes in its path neutralised (lib/http/request-path.ts). */
  repairPathEncoding(url: string): string;
  /** A 411/413 answer for a server action body Next must not read, or null (lib/http/action-body-limit.ts). */
  actionBodyRefusal(req: IncomingMessage): BodyRefusal | null;
  /**
   * Policy and cache headers for the response Next is about to write, and the readable page for a 404 a
   * page answered with Next's empty error document (lib/http/secure-response.ts).
   */
  secureResponse(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Where the server itself listens (`http://localhost:3000`), once it does: the global not-found page
   * for those 404s is fetched from there (lib/http/not-found-page.ts). Until then they are sent as Next wrote them.
   */
  setOwnOrigin(origin: string): void;
  /** Drops the kept copy of that not-found page; called on every cache invalidation (instrumentation.ts). */
  forgetNotFoundPage(): void;
  /** The policy of responses written without Next (redirects of old URLs, refusals). */
  readonly basePolicy: string;
}

/**
 * The request and response hooks scripts/server.mjs applies (handed over by instrumentation.ts through
 * lib/server-boundary.ts). Throws when TRUSTED_PROXIES cannot be read, so the server does not start with
 * a trust list it misread. `databaseDown` turns pages that failed during a database outage into 503s.
 */
export function createServerHttpHooks(env: NodeJS.ProcessEnv = process.env, { databaseDown }: { databaseDown?: () => Promise<boolean> } = {}): ServerHttpHooks {
  const proxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  const dev = env.NODE_ENV !== "production";
  let notFoundPage: ReturnType<typeof notFoundPageFrom> | undefined;
  return {
    sanitizeForwardedHeaders: (req) => sanitizeForwardedHeaders(req, proxies),
    repairPathEncoding,
    actionBodyRefusal: (req) => actionBodyRefusal(req),
    secureResponse: (req, res) => secureResponse(req, res, { dev, notFoundPage, databaseDown }),
    setOwnOrigin: (origin) => {
      notFoundPage = notFoundPageFrom(origin);
    },
    forgetNotFoundPage: () => notFoundPage?.forget(),
    basePolicy: contentSecurityPolicy({ dev }),
  };
}
