// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.

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
 * Removed: `<script src="/_next/…">` (the runtime and the page's chunks), their preload links, and the
 * inline scripts that feed them (`self.__next_f` flight data, the Turbopack chunk list). Kept: every other
 * script (the theme, JSON-LD, the site's code injection). A page that streams (a Suspense boundary
 * revealed by React's inline scripts) would stay hidden without them, so it is left whole.
 */

const OPT_IN = /^\s*(?:<!doctype html>\s*)?<html\b[^>]*\sdata-framework-scripts="none"/i;
const STREAMED = /<template id="B:|<div hidden id="S:|\$RC\(|\$RS\(/;
const EXTERNAL_SCRIPT = /<script\b[^>]*\ssrc="\/_next\/[^"]*"[^>]*>\s*<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\srel="(?:preload|modulepreload)")(?=[^>]*\sas="script")(?=[^>]*\shref="\/_next\/)[^>]*>/gi;
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/gi;
const FRAMEWORK_INLINE = /^\s*(?:\(self\.__next_f\b|self\.__next_f\.push\(|\(globalThis\["TURBOPACK"\])/;

/** Whether this HTML asks for the framework's scripts to be left out. */
export function wantsNoFrameworkScripts(html: string): boolean {
  return OPT_IN.test(html.slice(0, 300));
}

/**
 * The page without the framework's scripts, or the page unchanged if it did not ask for that or streams.
 * Pure string work on the finished HTML; the caller re-encodes and hashes what is left.
 */
export function withoutFrameworkScripts(html: string): string {
  if (!wantsNoFrameworkScripts(html) || STREAMED.test(html)) return html;
  return html
    .replace(EXTERNAL_SCRIPT, "")
    .replace(SCRIPT_PRELOAD, "")
    .replace(INLINE_SCRIPT, (script: string, body: string) => (FRAMEWORK_INLINE.test(body) ? "" : script));
}
