import { feedResponse } from "@/lib/feeds";

// Public and the same for every request: rendered once into the page cache, until a write expires it.
export const dynamic = "force-static";

export function GET(): Promise<Response> {
  return feedResponse({ kind: "site" }, "rss");
}
