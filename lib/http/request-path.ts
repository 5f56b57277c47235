// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/**
 * The request target with percent-escapes in its path that are not UTF-8 (`/blog/%FF%FE`) replaced by
 * escaped U+FFFD, as a browser's URL decoder reads them, and escaped NUL (`%00`) too; the same string
 * when there are none. Called by scripts/server.mjs for every request, so no route sees either.
 *
 * Next decodes route params with decodeURIComponent, which throws on invalid UTF-8 and makes the request
 * a 500 with a stack trace before any route runs; PostgreSQL refuses NUL in text, so a slug holding one
 * made the route's query fail with a 500. U+FFFD is a character no slug has: the route looks it up, finds
 * nothing and answers the site's own 404 page. The query string is left alone: Next parses it leniently
 * and every query parameter is validated where it is read.
 */
export function repairPathEncoding(url: string): string {
  if (!url.includes("%")) return url;
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  const repaired = path.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split("%"), (hex) => Number.parseInt(hex, 16));
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
      if (!text.includes("\0")) return run;
    } catch {
      text = lenientUtf8.decode(bytes);
    }
    return encodeURIComponent(text.replaceAll("\0", "\uFFFD"));
  });
  return repaired === path ? url : repaired + (query < 0 ? "" : url.slice(query));
}
