import { mediaResponse, notFound } from "@/lib/media/serve";
import { contentTypeOfKey } from "@/lib/media/variants";
import { isStorageKey, mediaStorage } from "@/lib/storage";

/**
 * Serves an uploaded file from storage, whole or the byte range asked for (lib/media/serve.ts). Keys
 * are content-hashed and never reused for other bytes, so the answer may be cached for a year. Only
 * generated keys with an image extension are looked up: a key cannot name a path, and a stray
 * non-image file in the store is never served.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  const type = isStorageKey(key) ? contentTypeOfKey(key) : null;
  if (!type) return notFound();
  return mediaResponse(mediaStorage(), key, type, request);
}
