// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import { randomBytes } from "node:crypto";
import { contentSecurityPolicy, externalScriptOrigins, inlineScriptHashes } from "@/lib/http/csp";

/**
 * The search page rendered once with placeholders where the query goes, and filled in per request by
 * lib/search/fast-path.ts. Placeholders are private-use characters, which parseSearchQuery strips from
 * what readers type and PostgreSQL text never holds in a title, so they cannot come from anywhere else.
 */
export const SEARCH_SLOTS = {
  /** The search input's value. */
  query: "\uE010query\uE011",
  /** The results island's HTML (lib/search/html.ts). */
  results: "\uE010results\uE011",
  /** The page title's query-dependent part. */
  title: "\uE010title\uE011",
} as const;

export type SearchSlot = keyof typeof SEARCH_SLOTS;

/** The query parameter that asks the search page for its template, with the token of this process. */
export const SEARCH_TEMPLATE_PARAM = "quire-template";

const TOKEN = Symbol.for("quire.search.template-token");

/**
 * The value a template request carries: made once per process by the fast path, read by the page (a
 * separate bundle in the same process), so no link or cache ever holds a stable URL of the placeholder
 * page. Not a secret: whoever asks with it gets the placeholder page, nothing more.
 */
export function searchTemplateToken(create = false): string | undefined {
  const slot = globalThis as Record<symbol, string | undefined>;
  if (create && !slot[TOKEN]) slot[TOKEN] = randomBytes(18).toString("base64url");
  return slot[TOKEN];
}

/** Whether a search param value is this process's template token. */
export function isSearchTemplateRequest(value: string | string[] | undefined): boolean {
  const token = searchTemplateToken();
  return token !== undefined && value === token;
}

type Piece = string | SearchSlot;

/** A parsed template: fixed text and slots, and the policy of its scripts, which no query changes. */
export interface SearchTemplate {
  pieces: Piece[];
  /** The same with the fixed text as UTF-8, encoded once rather than with every page (fillSearchTemplateBytes). */
  bytes: (Buffer | SearchSlot)[];
  policy: string;
}

export interface SearchSlotValues {
  /** Plain text. */
  query: string;
  /** HTML, placed as it is in the document. */
  results: string;
  /** Plain text. */
  title: string;
}

const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script[\s/>]/gi;
const SLOT_PATTERN = new RegExp(Object.values(SEARCH_SLOTS).join("|"), "g");
const SLOT_BY_TEXT = new Map<string, SearchSlot>((Object.keys(SEARCH_SLOTS) as SearchSlot[]).map((name) => [SEARCH_SLOTS[name], name]));

/**
 * Splits the placeholder page into text and slots, each filled with escaped text (or the results'
 * markup). Reader pages carry no flight data (lib/http/framework-scripts.ts), so every script of the
 * page is the same for every query and the page's policy is made here once. Throws when a slot is inside a
 * script, or missing: the page is then not one this can fill, and searches go to Next.
 */
export function parseSearchTemplate(html: string): SearchTemplate {
  for (const match of html.matchAll(SCRIPT)) {
    if (new RegExp(SLOT_PATTERN.source).test(match[1]!)) throw new Error("A search slot is inside a script");
  }
  const pieces: Piece[] = [];
  const seen = new Set<SearchSlot>();
  let at = 0;
  for (const match of html.matchAll(SLOT_PATTERN)) {
    const slot = SLOT_BY_TEXT.get(match[0])!;
    seen.add(slot);
    if (match.index > at) pieces.push(html.slice(at, match.index));
    pieces.push(slot);
    at = match.index + match[0].length;
  }
  if (at < html.length) pieces.push(html.slice(at));
  for (const slot of Object.keys(SEARCH_SLOTS) as SearchSlot[]) if (!seen.has(slot)) throw new Error(`The search template has no ${slot} slot`);
  return {
    pieces,
    bytes: pieces.map((piece) => (piece === "query" || piece === "title" || piece === "results" ? piece : Buffer.from(piece, "utf8"))),
    policy: contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), scriptOrigins: externalScriptOrigins(html) }),
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeText = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

/** The page for one query, and its Content-Security-Policy. */
export function fillSearchTemplate(template: SearchTemplate, values: SearchSlotValues): { html: string; policy: string } {
  let html = "";
  for (const piece of template.pieces) {
    if (piece === "query" || piece === "title") html += escapeText(values[piece]);
    else if (piece === "results") html += values.results;
    else html += piece;
  }
  return { html, policy: template.policy };
}

/**
 * The page for one query as the UTF-8 bytes sent, the results given as bytes too: one copy of each part
 * into the body, where a string page would be joined, flattened (to two bytes a character, as the
 * results' typographic quotes are not Latin-1) and then encoded. Same bytes as fillSearchTemplate's html.
 */
export function fillSearchTemplateBytes(template: SearchTemplate, values: Omit<SearchSlotValues, "results"> & { results: Buffer }): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  for (const piece of template.bytes) {
    const part = piece === "results" ? values.results : piece === "query" || piece === "title" ? Buffer.from(escapeText(values[piece]), "utf8") : piece;
    parts.push(part);
    length += part.length;
  }
  return Buffer.concat(parts, length);
}
