import { sitemapResponse } from "@/lib/sitemap";

export function GET(): Promise<Response> {
  return sitemapResponse(null);
}
