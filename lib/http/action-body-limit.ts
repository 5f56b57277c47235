// No "server-only" marker: next.config.ts and instrumentation.ts (for scripts/server.mjs) load this.
import type { IncomingMessage } from "node:http";

/** The largest server action request body: a long post with code is a few hundred KB of JSON. */
export const ACTION_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export interface BodyRefusal {
  status: 411 | 413;
  /** Plain ASCII text: Next's client shows a text/plain error body as the rejected action's message. */
  message: string;
}

/**
 * Whether Next would run this request as a server action: a POST with the Next-Action header (the
 * client's calls) or with a form body (a form submitted before the page's JavaScript loaded).
 */
export function isActionRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  if (req.headers["next-action"] !== undefined) return true;
  const type = req.headers["content-type"]?.toLowerCase() ?? "";
  return !req.url?.startsWith("/api/") && (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded"));
}

/**
 * The answer for a server action request whose body is too large to read (413), or whose length is not
 * declared (411: browsers always send Content-Length for action calls and form posts, and Node holds a
 * request to it, so the check needs no reading), or null to let it through. Next enforces the same limit
 * while reading but answers 500 when it is exceeded.
 */
export function actionBodyRefusal(req: IncomingMessage, limitBytes = ACTION_BODY_LIMIT_BYTES): BodyRefusal | null {
  if (!isActionRequest(req)) return null;
  const declared = req.headers["content-length"];
  const megabytes = `${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MB`;
  if (declared === undefined) {
    return req.headers["transfer-encoding"] === undefined
      ? null
      : { status: 411, message: `The request must state its length (Content-Length); at most ${megabytes} is accepted.` };
  }
  const length = Number(declared);
  if (Number.isSafeInteger(length) && length <= limitBytes) return null;
  return { status: 413, message: `The request is larger than ${megabytes}, the most the server accepts; nothing was saved.` };
}
