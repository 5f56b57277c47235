import type { Metadata } from "next";
import { SearchForm } from "@/components/search/search-form";
import { pageMetadata } from "@/lib/metadata";
import { searchPosts } from "@/lib/search";
import { searchResultsHtml, searchTitle } from "@/lib/search/html";
import { isSearchTemplateRequest, SEARCH_SLOTS, SEARCH_TEMPLATE_PARAM } from "@/lib/search/template";
import { parseSearchPage, parseSearchQuery, searchKey } from "@/lib/search-query";
import { getSiteTimezone } from "@/lib/site";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

interface Props {
  searchParams: SearchParams;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  const title = isSearchTemplateRequest(params[SEARCH_TEMPLATE_PARAM]) ? SEARCH_SLOTS.title : searchTitle(parseSearchQuery(params.q).text);
  // Result pages are endless near-duplicates: keep them out of indexes, but let crawlers follow the links.
  return pageMetadata({ title, description: "Search every published post.", path: "/search", noindex: true });
}

// Results depend on the query string, so this page renders per request. It blocks instead of streaming
// behind <Suspense>: streamed parts stay hidden until client JavaScript reveals them, and search must
// work without it. The results themselves come from the cache (searchPosts).

/**
 * The results are one HTML string (lib/search/html.ts) that React places without hydrating, so the
 * server can answer a search without rendering: it fills this page, rendered once with placeholders
 * (the template request, lib/search/fast-path.ts), with the query and that string. Client navigations
 * to a search still come here.
 */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const template = isSearchTemplateRequest(params[SEARCH_TEMPLATE_PARAM]);
  const query = parseSearchQuery(params.q);
  const page = parseSearchPage(params.page);
  const timeZone = await getSiteTimezone();
  const results =
    template ? SEARCH_SLOTS.results
    : query.text === "" ? searchResultsHtml("", null, timeZone)
      // Keyed by the words and phrases alone, so "Postgres!" and "postgres" share one cache entry.
    : searchResultsHtml(query.text, await searchPosts(searchKey(query), page), timeZone);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <div className="mt-6 max-w-xl">
        <SearchForm
          id="search-page-q"
          defaultValue={template ? SEARCH_SLOTS.query : query.text}
          autoFocus={!template && query.text === ""}
          landmarkLabel="Search this site"
        />
      </div>
      {/* The template carries the time zone the server's search path formats dates in. */}
      <div className="mt-10" data-time-zone={template ? timeZone : undefined} dangerouslySetInnerHTML={{ __html: results }} />
    </>
  );
}
