import { siteIconResponse } from "@/lib/site/icon";

/** Browsers ask for /favicon.ico whatever a page links: the site icon, 32 px (PNG, which every current browser reads here). */
export function GET(): Promise<Response> {
  return siteIconResponse(32);
}
