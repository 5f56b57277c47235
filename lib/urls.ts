import "server-only";
import { env } from "@/lib/env";

/** Absolute URL on the public site for a path such as "/blog/x"; built from SITE_URL, never the Host header. */
export function absoluteUrl(path: string): string {
  return `${env.SITE_URL}${path.startsWith("/") ? path : `/${path}`}`;
}
