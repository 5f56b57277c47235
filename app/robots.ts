import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/urls";

/** Crawlers may index the public site but not the admin, the API or search results (endless, thin pages). */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api", "/search"] },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
