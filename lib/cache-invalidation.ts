import "server-only";
import { updateTag } from "next/cache";
import { after } from "next/server";
import { runningPageResponseCache } from "@/lib/page-response-cache";

/**
 * What a committed content write does to cached pages: Next expires every page that carries one of
 * `tags` (cacheTags), and the server's page response cache (lib/page-response-cache.ts) stays empty
 * until Next has applied those expirations, which it does before the action's response is sent; the
 * release runs once that response has gone. Call from a server action, after the write.
 */
export function expirePublicPages(tags: readonly string[]): void {
  if (tags.length === 0) return;
  for (const tag of tags) updateTag(tag);
  const cache = runningPageResponseCache();
  if (!cache) return;
  const release = cache.hold();
  try {
    after(release);
  } catch (error) {
    // The write has committed and must not be reported as failed; the cache comes back now rather than
    // at the hold's time limit.
    release();
    console.error("Could not schedule the page cache's release after a write", error);
  }
}
