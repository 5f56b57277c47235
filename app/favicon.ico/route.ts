import { siteIconResponse } from "@/lib/site/icon";

// Public and the same for every request: rendered once into the page cache, until a write expires it.
export const dynamic = "force-static";

/** Browsers ask for /favicon.ico whatever a page links: the site icon, 32 px (PNG, which every current browser reads here). */
export function GET(): Promise<Response> {
  return siteIconResponse(32);
}
