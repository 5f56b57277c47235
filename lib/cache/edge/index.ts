// No "server-only" marker: instrumentation.ts and scripts/server.mjs use this outside React's server environment.
import type { IncomingMessage, ServerResponse } from "node:http";
import { onInvalidate } from "@/lib/cache/invalidate";
import { EdgePurger, purgeTargetsFromEnv } from "@/lib/cache/edge/purge";
import { edgeResponse } from "@/lib/cache/edge/response";
import { edgePolicyFromEnv } from "@/lib/cache/edge/surrogate";

export { runWithRequestTags } from "@/lib/cache/edge/request-tags";

/**
 * The edge profile (deploy/README.md): reader pages carry shared-cache lifetimes and their cache tags as
 * surrogate keys, and every invalidation purges those tags from the caches in EDGE_PURGE_URLS.
 * Call once the cache runtime runs (instrumentation.ts); returns the response hook for the server.
 * Throws on malformed settings, so an instance never starts with purges silently going nowhere.
 */
export function startEdge(env: Record<string, string | undefined> = process.env): (req: IncomingMessage, res: ServerResponse) => void {
  const policy = edgePolicyFromEnv(env);
  const targets = purgeTargetsFromEnv(env);
  if (targets.length > 0) {
    const timeoutMs = env.EDGE_PURGE_TIMEOUT_MS ? Number(env.EDGE_PURGE_TIMEOUT_MS) : undefined;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new Error("EDGE_PURGE_TIMEOUT_MS must be a positive whole number");
    const purger = new EdgePurger({ targets, timeoutMs });
    onInvalidate(purger.listener);
    console.log(`Edge: purging cache tags at ${targets.join(", ")}`);
  }
  return (req, res) => edgeResponse(req, res, policy);
}
