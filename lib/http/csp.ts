// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import { createHash } from "node:crypto";

/** Script element types a browser runs; anything else (application/ld+json, application/json) is data. */
const EXECUTABLE_TYPES = new Set(["", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"]);

// A script element's text ends at the first `</script` followed by whitespace, `/` or `>` (HTML's raw text
// rule); React escapes `<` in every attribute and text, so each `<script` here is an element the server wrote.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script[\s/>]/gi;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The CSP source expressions ('sha256-…') of every inline script a browser would run in this HTML, each
 * once, in document order. Scripts with a src are covered by 'self'; data blocks are not scripts.
 */
export function inlineScriptHashes(html: string): string[] {
  return pageScripts(html).scriptHashes;
}

/**
 * The origins of scripts this HTML loads from other sites (`<script src="https://cdn.example/…">`), each
 * once. Only the Administrators' code injection writes such elements (React escapes every other `<`), so
 * the policy allows exactly the origins the injection names, on the pages that carry it, and nothing
 * else. Only https origins count: anything else stays blocked.
 */
export function externalScriptOrigins(html: string): string[] {
  return pageScripts(html).scriptOrigins;
}

/**
 * Collects what one script element adds to a page's policy, from its attribute text (between `<script`
 * and `>`) and its text: its hash if a browser runs it inline, its origin if it loads from an https one.
 * Callers that scan a page for scripts themselves (lib/http/framework-scripts.ts) use it per element.
 */
export class PageScriptsCollector {
  readonly #hashes = new Set<string>();
  readonly #origins = new Set<string>();

  add(attributeText: string, text: string): void {
    let external = false;
    let type = "";
    for (const attribute of attributeText.matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
      if (name === "type") type = value;
      if (name !== "src") continue;
      external = true;
      const src = value.trim();
      if (!/^https:\/\//i.test(src)) continue;
      try {
        this.#origins.add(new URL(src).origin);
      } catch {
        // Not a URL: the browser will not load it either.
      }
    }
    if (external || !EXECUTABLE_TYPES.has(type.trim().toLowerCase())) return;
    this.#hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }

  result(): PageScripts {
    return { scriptHashes: [...this.#hashes], scriptOrigins: [...this.#origins] };
  }
}

/** What a page's own scripts add to its policy: the hashes of its inline scripts, the origins of its external ones. */
export interface PageScripts {
  scriptHashes: string[];
  scriptOrigins: string[];
}

/** The inline script hashes and external script origins of an HTML page. */
export function pageScripts(html: string): PageScripts {
  const scripts = new PageScriptsCollector();
  for (const match of html.matchAll(SCRIPT)) scripts.add(match[1]!, match[2]!);
  return scripts.result();
}

const HASH_SOURCE = /^'sha256-[A-Za-z0-9+/]+={0,2}'$/;
const ORIGIN_SOURCE = /^https:\/\/[^\s'";,]+$/;

/** PageScripts as one line of CSP source expressions (`'sha256-…' https://cdn.example`), to keep with a stored page. */
export function formatPageScripts({ scriptHashes, scriptOrigins }: PageScripts): string {
  return [...scriptHashes, ...scriptOrigins].join(" ");
}

/** The PageScripts of a line formatPageScripts wrote; anything that is not a hash or an https origin is dropped. */
export function parsePageScripts(line: string): PageScripts {
  const scripts: PageScripts = { scriptHashes: [], scriptOrigins: [] };
  for (const source of line.split(" ")) {
    if (HASH_SOURCE.test(source)) scripts.scriptHashes.push(source);
    else if (ORIGIN_SOURCE.test(source)) scripts.scriptOrigins.push(source);
  }
  return scripts;
}

/**
 * The players that posts' embeds may frame (lib/editor/embeds.ts EMBED_FRAME_ORIGINS; csp.test.ts keeps
 * the two equal). Written out here because this module loads outside the app's path aliases.
 */
export const FRAME_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://codepen.io"] as const;

export interface PolicyOptions {
  /** Source expressions of the page's inline scripts (inlineScriptHashes). */
  scriptHashes?: readonly string[];
  /**
   * Origins of external scripts in the page (externalScriptOrigins): allowed to run and, as analytics
   * scripts report to where they came from, to be fetched from.
   */
  scriptOrigins?: readonly string[];
  /** Next's development server evaluates code and talks to its HMR socket. */
  dev?: boolean;
}

/**
 * The site's Content-Security-Policy. Scripts run only from this origin or when their hash is listed
 * (no 'unsafe-inline'), so markup injected into a page cannot run script. Inline styles stay allowed:
 * React writes style attributes (next/image, the table of contents) and styles cannot run script.
 * Images may come from any https origin, as posts and profiles link them.
 */
export function contentSecurityPolicy({ scriptHashes = [], scriptOrigins = [], dev = false }: PolicyOptions = {}): string {
  const scripts = dev ? ["'self'", "'unsafe-inline'", "'unsafe-eval'", ...scriptOrigins] : ["'self'", ...scriptOrigins, ...scriptHashes];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...scriptOrigins, ...(dev ? ["ws:", "wss:"] : [])].join(" ")}`,
    `frame-src ${FRAME_ORIGINS.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
