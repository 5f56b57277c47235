import "server-only";
import type { ObjectStorage, StoredStream } from "@/lib/storage/storage";

const HEADERS = {
  "Cache-Control": "public, max-age=31536000, immutable",
  "Accept-Ranges": "bytes",
  "X-Content-Type-Options": "nosniff",
  // Uploaded images are shown in pages, never opened as documents that could run anything.
  "Content-Security-Policy": "default-src 'none'; sandbox",
} as const;

/** 404 for a key that is not an upload's. */
export const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

/** What a `Range` header asks for: one range from `start` (to `end`, inclusive), or the last `suffix` bytes. */
export type RequestedRange = { start: number; end?: number } | { suffix: number };

/**
 * The single byte range in a `Range` header, or null when the header is absent, not about bytes,
 * malformed or names several ranges: HTTP lets a server answer those with the whole object (RFC 9110
 * 14.2), which is simpler and safer than multipart answers.
 */
export function parseRangeHeader(header: string | null): RequestedRange | null {
  const match = header ? /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header) : null;
  if (!match) return null;
  const [, first, last] = match;
  if (first === "" && last === "") return null;
  if (first === "") return { suffix: Number(last) };
  const start = Number(first);
  if (last === "") return Number.isSafeInteger(start) ? { start } : null;
  const end = Number(last);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && end >= start ? { start, end } : null;
}

/**
 * The answer for GET /media/<key>: the whole object (200), or with a satisfiable `Range` header only
 * those bytes (206 with Content-Range), or 416 when none of the asked bytes exist. Keys are
 * content-hashed and never reused for other bytes, so the key is a strong validator (ETag) and
 * If-Range can only name it.
 */
export async function mediaResponse(storage: ObjectStorage, key: string, contentType: string, request: Pick<Request, "headers">): Promise<Response> {
  const etag = `"${key}"`;
  const ifRange = request.headers.get("if-range");
  const wanted = ifRange === null || ifRange === etag ? parseRangeHeader(request.headers.get("range")) : null;
  const headers = { ...HEADERS, ETag: etag };

  let stored: StoredStream | null;
  if (wanted && "suffix" in wanted) {
    // The last N bytes: the drivers take offsets, so the size comes first (a stream opened and dropped).
    const whole = await storage.stream(key);
    if (!whole) return notFound();
    await whole.body.cancel();
    if (wanted.suffix === 0 || whole.totalBytes === 0) return unsatisfiable(whole.totalBytes, headers);
    stored = await storage.stream(key, { start: Math.max(0, whole.totalBytes - wanted.suffix) });
  } else {
    stored = await storage.stream(key, wanted ?? undefined);
  }
  if (!stored) return notFound();

  if (wanted && !stored.range) {
    await stored.body.cancel();
    return unsatisfiable(stored.totalBytes, headers);
  }
  if (stored.range) {
    return new Response(stored.body, {
      status: 206,
      headers: {
        ...headers,
        "Content-Type": contentType,
        "Content-Length": String(stored.bytes),
        "Content-Range": `bytes ${stored.range.start}-${stored.range.end}/${stored.totalBytes}`,
      },
    });
  }
  return new Response(stored.body, { headers: { ...headers, "Content-Type": contentType, "Content-Length": String(stored.bytes) } });
}

function unsatisfiable(totalBytes: number, headers: Record<string, string>): Response {
  return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${totalBytes}`, "Cache-Control": "no-store" } });
}
