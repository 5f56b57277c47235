import { feedResponse } from "@/lib/feeds";

export function GET(): Promise<Response> {
  return feedResponse({ kind: "site" }, "json");
}
