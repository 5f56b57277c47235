/**
 * The query-dependent part of the search page (result count, spelling notice, hits, pagination, empty
 * state) as one HTML string. The page places it with dangerouslySetInnerHTML, so React never builds or
 * hydrates these elements, and scripts/server.mjs can answer a search by splicing the same string into
 * the page rendered once for every query (lib/search/fast-path.ts). Isomorphic and pure: every piece of
 * text and every attribute is escaped here.
 */
import { postPath, searchPath, tagPath } from "@/lib/paths";
import { SEARCH_COUNT_CAP, type HighlightSegment } from "@/lib/search-query";

/** What a hit shows: a published post with its matches marked (lib/search.ts SearchHit has it all). */
export interface SearchHitView {
  id: string;
  slug: string;
  publishedAt: Date;
  author: { name: string };
  tags: { slug: string; name: string }[];
  titleHighlights: HighlightSegment[];
  snippet: HighlightSegment[];
}

export interface SearchResultsView {
  correctedQuery: string | null;
  match: "fulltext" | "title" | "stopwords";
  hits: SearchHitView[];
  total: number;
  page: number;
  totalPages: number;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Text or an attribute value made safe for HTML (the characters React escapes, the same way). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A post's date as readers see it (components/posts/post-date.tsx): the calendar day in the site's zone. */
function postDate(date: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) formatters.set(timeZone, (formatter = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone })));
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(formatter.format(date))}</time>`;
}

/** Text with matched words in <mark>. */
export function highlightedHtml(segments: readonly HighlightSegment[]): string {
  let html = "";
  for (const segment of segments) html += segment.highlight ? `<mark class="search-highlight">${escapeHtml(segment.text)}</mark>` : escapeHtml(segment.text);
  return html;
}

const TITLE_QUERY_LENGTH = 60;

/** The page title for a query (the site's title template adds the site name). */
export function searchTitle(query: string): string {
  const shown = query.length > TITLE_QUERY_LENGTH ? `${query.slice(0, TITLE_QUERY_LENGTH).trimEnd()}…` : query;
  return shown ? `Results for “${shown}”` : "Search";
}

const LINK_CLASS = "font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300";

/** The page before anything was searched for. */
export const SEARCH_START_HTML =
  '<p class="text-zinc-700 dark:text-zinc-300">Type a few words to search titles, excerpts and the full text of every post. Misspellings and the start of a word are fine.</p>';

/**
 * Result count, spelling notice, the hits and their pages; or an empty state that suggests what to try.
 * `query` is the normalised query as the reader typed it (lib/search-query.ts parseSearchQuery text).
 */
export function searchResultsHtml(query: string, results: SearchResultsView | null, timeZone: string): string {
  if (query === "" || results === null) return SEARCH_START_HTML;
  const { total, hits, page, totalPages, correctedQuery, match } = results;
  if (match === "stopwords") return stopWordsHtml(query);
  if (total === 0) return noResultsHtml(query);
  const count = total > SEARCH_COUNT_CAP ? `More than ${SEARCH_COUNT_CAP.toLocaleString("en")} results` : total === 1 ? "1 result" : `${total.toLocaleString("en")} results`;
  let html =
    '<section aria-labelledby="search-results-heading"><h2 id="search-results-heading" class="text-lg font-semibold tracking-tight">' +
    `${count} for <span class="break-words">“${escapeHtml(query)}”</span>` +
    (totalPages > 1 ? `<span class="font-normal text-zinc-600 dark:text-zinc-400"> · page ${page} of ${totalPages}</span>` : "") +
    "</h2>";
  if (correctedQuery) {
    html +=
      '<p class="mt-2 text-sm text-zinc-700 dark:text-zinc-300">No posts matched your spelling. Showing results for ' +
      `<strong class="font-semibold">${escapeHtml(correctedQuery)}</strong>.</p>`;
  }
  if (match === "title") html += '<p class="mt-2 text-sm text-zinc-700 dark:text-zinc-300">No post contains all of those words; these titles look similar.</p>';
  if (hits.length > 0) {
    html += '<ol class="mt-6 divide-y divide-zinc-200 dark:divide-zinc-800">';
    for (const hit of hits) html += `<li>${hitHtml(hit, timeZone)}</li>`;
    html += "</ol>";
  } else {
    html +=
      `<p class="mt-6 text-zinc-700 dark:text-zinc-300">There are only ${totalPages} ${totalPages === 1 ? "page" : "pages"} of results. ` +
      `<a class="${LINK_CLASS}" href="${escapeHtml(searchPath(query))}">Go to the first page</a></p>`;
  }
  return `${html}${paginationHtml(query, page, totalPages)}</section>`;
}

function hitHtml(hit: SearchHitView, timeZone: string): string {
  let html =
    `<article class="py-6"><h3 class="search-hit-title"><a class="search-hit-link" href="${escapeHtml(postPath(hit.slug))}">${highlightedHtml(hit.titleHighlights)}</a></h3>` +
    `<p class="search-hit-meta">${postDate(hit.publishedAt, timeZone)} · ${escapeHtml(hit.author.name)}</p>`;
  if (hit.snippet.length > 0) html += `<p class="search-hit-snippet">${highlightedHtml(hit.snippet)}</p>`;
  if (hit.tags.length > 0) {
    html += '<ul aria-label="Tags" class="mt-3 flex flex-wrap gap-2">';
    for (const tag of hit.tags) html += `<li><a class="search-hit-tag" href="${escapeHtml(tagPath(tag.slug))}">${escapeHtml(tag.name)}</a></li>`;
    html += "</ul>";
  }
  return `${html}</article>`;
}

function paginationHtml(query: string, page: number, totalPages: number): string {
  if (totalPages <= 1) return "";
  // The numbered pagination's step links, with their wider padding at every width.
  const step = 'class="pagination-step px-4"';
  const previous = page > 1 && page <= totalPages ? `<a ${step} rel="prev" href="${escapeHtml(searchPath(query, page - 1))}">← Previous</a>` : "";
  const next = page < totalPages ? `<a ${step} rel="next" href="${escapeHtml(searchPath(query, page + 1))}">Next →</a>` : "";
  return (
    `<nav aria-label="Search results pages" class="pagination mt-8"><div class="flex-1">${previous}</div>` +
    `<p class="text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400">Page ${Math.min(page, totalPages)} of ${totalPages}</p>` +
    `<div class="flex flex-1 justify-end">${next}</div></nav>`
  );
}

function noResultsHtml(query: string): string {
  return (
    '<section aria-labelledby="search-results-heading">' +
    `<h2 id="search-results-heading" class="text-lg font-semibold tracking-tight break-words">No results for “${escapeHtml(query)}”</h2>` +
    '<ul class="mt-4 list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">' +
    "<li>Check the spelling, or try a word with a similar meaning.</li>" +
    "<li>Use fewer or more general words: every word must appear in a post.</li>" +
    "<li>The start of a word is enough for the last word, as in “retriev”.</li></ul>" +
    `<p class="mt-6"><a class="${LINK_CLASS}" href="/">Browse all posts →</a></p></section>`
  );
}

function stopWordsHtml(query: string): string {
  return (
    '<section aria-labelledby="search-results-heading">' +
    `<h2 id="search-results-heading" class="text-lg font-semibold tracking-tight break-words">“${escapeHtml(query)}” is too common to search for</h2>` +
    '<p class="mt-4 text-zinc-700 dark:text-zinc-300">Words like “the”, “with” and “about” are in nearly every post, so search leaves them out. ' +
    "Add a word that says what you are looking for.</p>" +
    `<p class="mt-6"><a class="${LINK_CLASS}" href="/">Browse all posts →</a></p></section>`
  );
}
