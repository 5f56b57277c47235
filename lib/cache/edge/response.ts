// No "server-only" marker: scripts/server.mjs calls this outside React's server environment.
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { currentRequestTags, type RequestTags } from "@/lib/cache/edge/request-tags";
import { edgeCacheControl, isEdgeCacheableRequest, surrogateKeys, type EdgePolicy } from "@/lib/cache/edge/surrogate";

/** Header of Varnish's xkey vmod (deploy/varnish/default.vcl). */
export const XKEY_HEADER = "xkey";
/** The same keys for CDNs that purge by tag (Fastly's name; see README "Production"). */
export const SURROGATE_KEY_HEADER = "Surrogate-Key";

type WriteHeadRest = [string | OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined, (OutgoingHttpHeaders | OutgoingHttpHeader[])?];

/**
 * The edge profile of a reader page: when a signed-out GET of a public page is answered 200 with a page
 * Next treats as shareable (its Cache-Control has s-maxage and is neither private nor no-store), and the
 * cache tags of the page it was answered with are known (./request-tags.ts: the pages cache noted them
 * for this request), the response gets the edge Cache-Control (s-maxage, stale-while-revalidate,
 * stale-if-error) and lists the tags in `xkey` and `Surrogate-Key`. A page whose tags are unknown keeps
 * Next's header and no keys, and the Varnish configuration caches nothing without keys: a page no purge
 * could reach is never kept at the edge. That includes a request Next answered with another request's
 * lookup of the same page (it shares concurrent ones), whose handlers ran for that other request.
 *
 * Install it last, just before Next handles the request and inside its request tags
 * (runWithRequestTags), so that it sets its headers before the hooks that hold or keep the response
 * (lib/http/secure-response.ts, lib/cache/replay.ts) see them.
 */
export function edgeResponse(req: IncomingMessage, res: ServerResponse, policy: EdgePolicy): void {
  if (!isEdgeCacheableRequest(req.method, req.url, req.headers)) return;
  const request = currentRequestTags();
  if (!request) return;
  const writeHead = res.writeHead;
  let done = false;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: WriteHeadRest) {
    if (!done) {
      done = true;
      applyEdgeHeaders(this, statusCode, rest, request, policy);
    }
    return writeHead.call(this, statusCode, ...(rest as [OutgoingHttpHeaders]));
  } as ServerResponse["writeHead"];
}

function headerValue(res: ServerResponse, rest: WriteHeadRest, name: string): string {
  const fromArgs = rest.find((part): part is OutgoingHttpHeaders => typeof part === "object" && part !== null && !Array.isArray(part));
  const given = fromArgs && Object.entries(fromArgs).find(([key]) => key.toLowerCase() === name)?.[1];
  const value = given ?? res.getHeader(name);
  return Array.isArray(value) ? value.join(", ") : String(value ?? "");
}

function applyEdgeHeaders(res: ServerResponse, statusCode: number, rest: WriteHeadRest, request: RequestTags, policy: EdgePolicy): void {
  if (statusCode !== 200) return;
  if (headerValue(res, rest, "set-cookie")) return;
  const cacheControl = headerValue(res, rest, "cache-control").toLowerCase();
  if (!/\bs-maxage=\d+/.test(cacheControl) || /\b(?:private|no-store|no-cache)\b/.test(cacheControl)) return;
  const tags = request.page;
  if (!tags) return;
  const keys = surrogateKeys(tags);
  if (keys.length === 0) return;
  // Set on the response and dropped from writeHead's own headers, which would otherwise win.
  for (const part of rest) {
    if (typeof part === "object" && part !== null && !Array.isArray(part)) {
      for (const key of Object.keys(part)) if (key.toLowerCase() === "cache-control") delete part[key];
    }
  }
  res.setHeader("Cache-Control", edgeCacheControl(policy));
  res.setHeader(XKEY_HEADER, keys.join(" "));
  res.setHeader(SURROGATE_KEY_HEADER, keys.join(" "));
}
