// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import { formatPageScripts, PageScriptsCollector, parsePageScripts, type PageScripts } from "@/lib/http/csp";

/**
 * Reader pages without the framework's client scripts.
 *
 * A reader page is complete as HTML: links, the search form and the not-found page work without
 * JavaScript, and what does need a script (the theme switch, an embed's player) brings its own small one.
 * Next still sends every App Router page with React, its router and the page's flight data (the whole
 * page again, as inline scripts): about 144 KB of compressed JavaScript and two thirds of the HTML, parsed
 * and run on a phone only to hydrate a page that then does what it already did. Next has no option to
 * leave them out, so a document that asks for it (`<html data-framework-scripts="none">`, written by the
 * reader layout) has them removed on the way out.
 *
 * Removed: `<script src="/_next/…">` (the runtime and the page's chunks), their preload links, the
 * inline scripts that feed them (`self.__next_f` flight data, the Turbopack chunk list), and a preconnect
 * to the page's own origin. Kept: every other script (the theme, JSON-LD, the site's code injection). A page that streams (a Suspense boundary
 * revealed by React's inline scripts) would stay hidden without them, so it is left whole.
 *
 * The pages cache removes them once, when it stores a page (readerPage, lib/cache/handlers/pages.ts), and
 * keeps the policy sources of the scripts left in the header STORED_PAGE_SCRIPTS_HEADER of the stored
 * entry, which Next sends with the page; lib/http/secure-response.ts then sends such a page as it is.
 * Pages that reach it otherwise (prerendered by the build) are stripped there, on the way out.
 */

const OPT_IN = /^\s*(?:<!doctype html>\s*)?<html\b[^>]*\sdata-framework-scripts="none"/i;
const STREAMED = /<template id="B:|<div hidden id="S:|\$RC\(|\$RS\(/;
// One scan of the page finds every script element (read as lib/http/csp.ts reads them: its text ends at
// the first `</script` followed by whitespace, `/` or `>`) and every link; React escapes `<` in every
// attribute and text, so each is an element the server wrote. Chained replaces (one per kind) cost about
// four times as much on a post: each copied the whole page, flight data and all, before the next began.
const ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script([\s/>])|<link\b[^>]*>/gi;
/** `<script src="/_next/…">` with no text: the runtime or one of the page's chunks. */
const FRAMEWORK_SRC = /\ssrc="\/_next\/[^"]*"/i;
const BLANK = /^\s*$/;
const SCRIPT_PRELOAD = /^<link\b(?=[^>]*\srel="(?:preload|modulepreload)")(?=[^>]*\sas="script")(?=[^>]*\shref="\/_next\/)/i;
const FRAMEWORK_INLINE = /^\s*(?:\(self\.__next_f\b|self\.__next_f\.push\(|\(globalThis\["TURBOPACK"\])/;
/** The only attribute an inline framework script carries: the Turbopack chunk list's id. */
const FRAMEWORK_INLINE_ATTRIBUTES = /^(?:\s+id="_R_")?$/;
/** `<link rel="preconnect" href="/">`: Next's hint for fonts it does not preload, to the page's own origin. */
const SELF_PRECONNECT = /^<link\b(?=[^>]*\srel="preconnect")(?=[^>]*\shref="\/")/i;

/** Whether this HTML asks for the framework's scripts to be left out. */
export function wantsNoFrameworkScripts(html: string): boolean {
  return OPT_IN.test(html.slice(0, 300));
}

/**
 * The page without the framework's scripts, or the page unchanged if it did not ask for that or streams.
 * Pure string work on the finished HTML; the caller re-encodes and hashes what is left.
 */
export function withoutFrameworkScripts(html: string): string {
  return keepsFrameworkScripts(html) ? html : strip(html).html;
}

/**
 * Response header with the policy sources (formatPageScripts) of the scripts of a page stored already
 * stripped. Written only by the pages cache; secureResponse takes it off every response.
 */
export const STORED_PAGE_SCRIPTS_HEADER = "x-quire-page-scripts";

/** A reader page ready to be sent as it is: stripped, and the policy sources of the scripts left in it. */
export interface ReaderPage {
  html: string;
  scripts: PageScripts;
  /** The scripts as the value of STORED_PAGE_SCRIPTS_HEADER. */
  header: string;
}

/** The page without the framework's scripts, with its policy sources; null if it keeps them (see withoutFrameworkScripts). */
export function readerPage(html: string): ReaderPage | null {
  if (keepsFrameworkScripts(html)) return null;
  const { html: stripped, scripts } = strip(html);
  return { html: stripped, scripts, header: formatPageScripts(scripts) };
}

/** The policy sources a stored reader page's header (STORED_PAGE_SCRIPTS_HEADER) carries, or null without one. */
export function storedPageScripts(header: string | number | string[] | undefined): PageScripts | null {
  return typeof header === "string" ? parsePageScripts(header) : null;
}

function keepsFrameworkScripts(html: string): boolean {
  return !wantsNoFrameworkScripts(html) || STREAMED.test(html);
}

/** The page without the framework's scripts, and the policy sources of the scripts it keeps, in one pass. */
function strip(html: string): { html: string; scripts: PageScripts } {
  const kept: string[] = [];
  const scripts = new PageScriptsCollector();
  let from = 0;
  for (const match of html.matchAll(ELEMENT)) {
    const [element, attributes, text, end] = match;
    if (attributes === undefined) {
      if (!SCRIPT_PRELOAD.test(element) && !SELF_PRECONNECT.test(element)) continue;
    } else if (
      !(end === ">" && (FRAMEWORK_INLINE_ATTRIBUTES.test(attributes) ? FRAMEWORK_INLINE.test(text!) : FRAMEWORK_SRC.test(attributes) && BLANK.test(text!)))
    ) {
      scripts.add(attributes, text!);
      continue;
    }
    kept.push(html.slice(from, match.index));
    from = match.index + element.length;
  }
  kept.push(html.slice(from));
  return { html: kept.join(""), scripts: scripts.result() };
}
