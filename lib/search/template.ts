// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import { randomBytes } from "node:crypto";
import { contentSecurityPolicy, externalScriptOrigins, inlineScriptHashes } from "@/lib/http/csp";
import { createHash } from "node:crypto";

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
 * page. Not a secret: Next writes the page's search params into its flight data, so search answers show
 * it; whoever asks with it gets the placeholder page, nothing more.
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

type Piece = string | { slot: SearchSlot; flight: boolean; stringStart: boolean };

interface DynamicScript {
  pieces: Piece[];
}

/** A parsed template: fixed text and slots, and what the policy needs of the scripts that do not change. */
export interface SearchTemplate {
  pieces: (Piece | DynamicScript)[];
  staticScriptHashes: string[];
  scriptOrigins: string[];
}

export interface SearchSlotValues {
  /** Plain text. */
  query: string;
  /** HTML, placed as it is in the document. */
  results: string;
  /** Plain text. */
  title: string;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script[\s/>]/gi;
const FLIGHT_PREFIX = "self.__next_f.push(";
const SLOT_PATTERN = new RegExp(Object.values(SEARCH_SLOTS).join("|"), "g");
const SLOT_BY_TEXT = new Map<string, SearchSlot>((Object.keys(SEARCH_SLOTS) as SearchSlot[]).map((name) => [SEARCH_SLOTS[name], name]));

/**
 * Splits the placeholder page into text and slots. A slot in HTML is filled with escaped text (or the
 * results' markup); a slot inside Next's flight data (the inline `self.__next_f.push` scripts, which
 * React reads to hydrate and to restore the page on Back) is filled with the same value encoded as that
 * script encodes strings. Throws when a slot is anywhere else, or missing from the document or the flight
 * data: the page is then not one this can fill, and searches go to Next.
 */
export function parseSearchTemplate(html: string): SearchTemplate {
  const pieces: (Piece | DynamicScript)[] = [];
  const staticScripts: string[] = [];
  const seen = new Set<string>();
  let position = 0;
  const slotsIn = (text: string, flight: boolean): Piece[] => {
    const out: Piece[] = [];
    let at = 0;
    for (const match of text.matchAll(SLOT_PATTERN)) {
      const slot = SLOT_BY_TEXT.get(match[0])!;
      seen.add(`${slot} ${flight ? "flight" : "html"}`);
      if (match.index > at) out.push(text.slice(at, match.index));
      out.push({ slot, flight, stringStart: flight && startsJsonString(text, match.index) });
      at = match.index + match[0].length;
    }
    if (at < text.length) out.push(text.slice(at));
    return out;
  };
  for (const match of html.matchAll(SCRIPT)) {
    const body = match[2]!;
    const bodyStart = match.index + match[0].indexOf(">") + 1;
    if (!SLOT_PATTERN.test(body)) {
      SLOT_PATTERN.lastIndex = 0;
      staticScripts.push(match[0]);
      continue;
    }
    SLOT_PATTERN.lastIndex = 0;
    if (!body.startsWith(FLIGHT_PREFIX) || match[1]!.trim() !== "") throw new Error("A search slot is inside a script that is not flight data");
    pieces.push(...slotsIn(html.slice(position, bodyStart), false));
    pieces.push({ pieces: slotsIn(body, true) });
    position = bodyStart + body.length;
  }
  pieces.push(...slotsIn(html.slice(position), false));
  // Each value is in the document and in the flight data; one missing from either would make them disagree.
  // A reader page sent without the framework's scripts (lib/http/framework-scripts.ts) has no flight data.
  const places = html.includes(FLIGHT_PREFIX) ? ["html", "flight"] : ["html"];
  for (const slot of Object.keys(SEARCH_SLOTS) as SearchSlot[]) {
    for (const place of places) if (!seen.has(`${slot} ${place}`)) throw new Error(`The search template has no ${slot} slot in its ${place}`);
  }
  // The hashes of scripts without slots are the same for every query.
  const fixed = staticScripts.join("");
  return { pieces, staticScriptHashes: inlineScriptHashes(fixed), scriptOrigins: externalScriptOrigins(html) };
}

/** Whether the text at `index` is the first character of a JSON string inside a JavaScript string. */
function startsJsonString(text: string, index: number): boolean {
  // The inner JSON's quote is written \" in the script's string; \\\" would be an escaped quote in it.
  if (text[index - 1] !== '"' || text[index - 2] !== "\\") return false;
  let backslashes = 0;
  for (let i = index - 2; i >= 0 && text[i] === "\\"; i--) backslashes++;
  return backslashes === 1;
}

const SCRIPT_ESCAPES: Record<string, string> = { "&": "\\u0026", "<": "\\u003c", ">": "\\u003e", "\u2028": "\\u2028", "\u2029": "\\u2029" };
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/**
 * A string value as it stands inside a JSON string (React's flight rows) inside a JavaScript string in an
 * inline script (Next's flight data): JSON-escaped twice, with the characters that could end the script
 * written as \u escapes, as Next writes them. React reads a string that starts with "$" as a reference,
 * so such a string is written with one more "$", as React writes it.
 */
function flightString(value: string, stringStart: boolean): string {
  const inner = JSON.stringify(stringStart && value.startsWith("$") ? `$${value}` : value).slice(1, -1);
  return JSON.stringify(inner)
    .slice(1, -1)
    .replace(/[&<>\u2028\u2029]/g, (character) => SCRIPT_ESCAPES[character]!);
}

function fill(pieces: readonly Piece[], values: SearchSlotValues): string {
  let out = "";
  for (const piece of pieces) {
    if (typeof piece === "string") out += piece;
    else if (piece.flight) out += flightString(values[piece.slot], piece.stringStart);
    else out += piece.slot === "results" ? values.results : values[piece.slot].replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
  }
  return out;
}

/** The page for one query, and its Content-Security-Policy (with the hashes of its inline scripts). */
export function fillSearchTemplate(template: SearchTemplate, values: SearchSlotValues): { html: string; policy: string } {
  let html = "";
  const hashes = [...template.staticScriptHashes];
  for (const piece of template.pieces) {
    if (typeof piece === "string" || !("pieces" in piece)) {
      html += fill([piece], values);
      continue;
    }
    const script = fill(piece.pieces, values);
    hashes.push(`'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`);
    html += script;
  }
  return { html, policy: contentSecurityPolicy({ scriptHashes: [...new Set(hashes)], scriptOrigins: template.scriptOrigins }) };
}
