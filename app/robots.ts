import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/urls";

/**
 * Crawlers may index the public site but not the admin or the API. Search results (endless, thin pages)
 * stay crawlable on purpose: they say noindex, and a crawler kept out by robots.txt never reads that, so
 * a results URL linked from elsewhere could still be indexed from its link alone.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api"] },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
