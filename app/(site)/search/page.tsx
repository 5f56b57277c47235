import type { Metadata } from "next";
import { SearchForm } from "@/components/search/search-form";
import { SearchResults } from "@/components/search/search-results";
import { pageMetadata } from "@/lib/metadata";
import { searchPosts } from "@/lib/search";
import { parseSearchPage, parseSearchQuery, searchKey } from "@/lib/search-query";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

interface Props {
  searchParams: SearchParams;
}

const TITLE_QUERY_LENGTH = 60;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { text } = parseSearchQuery((await searchParams).q);
  const shown = text.length > TITLE_QUERY_LENGTH ? `${text.slice(0, TITLE_QUERY_LENGTH).trimEnd()}…` : text;
  // Result pages are endless near-duplicates: keep them out of indexes, but let crawlers follow the links.
  return pageMetadata({ title: shown ? `Results for “${shown}”` : "Search", description: "Search every published post.", path: "/search", noindex: true });
}

// Results depend on the query string, so this page renders per request. It blocks instead of streaming
// behind <Suspense>: streamed parts stay hidden until client JavaScript reveals them, and search must
// work without it. The results themselves come from the cache (searchPosts).
export const instant = false;

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = parseSearchQuery(params.q);
  const page = parseSearchPage(params.page);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <div className="mt-6 max-w-xl">
        <SearchForm id="search-page-q" defaultValue={query.text} autoFocus={query.text === ""} landmarkLabel="Search this site" />
      </div>
      <div className="mt-10">
        {query.text === "" ? (
          <p className="text-zinc-700 dark:text-zinc-300">
            Type a few words to search titles, excerpts and the full text of every post. Misspellings and the start of a word are fine.
          </p>
        ) : (
          // Keyed by the words and phrases alone, so "Postgres!" and "postgres" share one cache entry.
          <SearchResults query={query.text} results={await searchPosts(searchKey(query), page)} />
        )}
      </div>
    </>
  );
}
