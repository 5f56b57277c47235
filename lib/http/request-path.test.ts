import { describe, expect, it } from "vitest";
import { repairPathEncoding } from "@/lib/http/request-path";

describe("repairPathEncoding", () => {
  it("leaves valid targets alone, escapes and query strings included", () => {
    for (const url of ["/", "/blog/hello-world", "/blog/caf%C3%A9", "/tag/a%2Fb/rss.xml", "/search?q=%FF&x=%00"]) {
      expect(repairPathEncoding(url)).toBe(url);
    }
  });

  it("turns escapes that are not UTF-8, and NUL, into escaped U+FFFD, which decodeURIComponent and PostgreSQL accept", () => {
    expect(repairPathEncoding("/blog/%FF%FE")).toBe("/blog/%EF%BF%BD%EF%BF%BD");
    expect(repairPathEncoding("/tag/%FF/rss.xml?x=%FF")).toBe("/tag/%EF%BF%BD/rss.xml?x=%FF");
    // A valid character in the same run keeps its meaning; an escaped slash stays escaped.
    expect(repairPathEncoding("/blog/%41%2F%C3")).toBe("/blog/A%2F%EF%BF%BD");
    expect(repairPathEncoding("/tag/x%00/rss.xml")).toBe("/tag/x%EF%BF%BD/rss.xml");
    expect(repairPathEncoding("/blog/%00%C3%A9")).toBe("/blog/%EF%BF%BD%C3%A9");
    for (const url of ["/blog/%FF%FE", "/page/%C0%80", "/author/%ED%A0%80/page/2"]) {
      expect(() => decodeURIComponent(url)).toThrow(URIError);
      expect(() => decodeURIComponent(repairPathEncoding(url))).not.toThrow();
    }
  });
});
