import { siteIconResponse } from "@/lib/site/icon";

// Public and the same for every request: rendered once into the page cache, until a write expires it.
export const dynamic = "force-static";

/** iOS asks for /apple-touch-icon.png even when a page links none: the site icon, 180 px. */
export function GET(): Promise<Response> {
  return siteIconResponse(180);
}
