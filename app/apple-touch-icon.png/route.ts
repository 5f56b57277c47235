import { siteIconResponse } from "@/lib/site/icon";

/** iOS asks for /apple-touch-icon.png even when a page links none: the site icon, 180 px. */
export function GET(): Promise<Response> {
  return siteIconResponse(180);
}
