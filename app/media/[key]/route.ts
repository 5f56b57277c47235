import { contentTypeOfKey } from "@/lib/media/variants";
import { isStorageKey, mediaStorage } from "@/lib/storage";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

/**
 * Serves an uploaded file from storage. Keys are content-hashed and never reused for other bytes, so
 * the answer may be cached for a year. Only generated keys with an image extension are looked up: a
 * key cannot name a path, and a stray non-image file in the store is never served.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  const type = isStorageKey(key) ? contentTypeOfKey(key) : null;
  if (!type) return notFound();
  const stored = await mediaStorage().stream(key);
  if (!stored) return notFound();
  return new Response(stored.body, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(stored.bytes),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      // Uploaded images are shown in pages, never opened as documents that could run anything.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
