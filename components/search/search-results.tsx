import Link from "next/link";
import { PostDate } from "@/components/posts/post-date";
import { HighlightedText } from "@/components/search/highlighted-text";
import { postPath, searchPath, tagPath } from "@/lib/paths";
import type { SearchHit, SearchResults as SearchResultsData } from "@/lib/search";

export interface SearchResultsProps {
  /** The query as the reader typed it (normalised), for headings and links. */
  query: string;
  results: SearchResultsData;
}

const linkClass = "font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300";

/** Result count, spelling notice, the hits and their pages; or an empty state that suggests what to try. */
export function SearchResults({ query, results }: SearchResultsProps) {
  const { total, hits, page, totalPages, correctedQuery, match } = results;
  if (total === 0) return <NoResults query={query} />;
  return (
    <section aria-labelledby="search-results-heading">
      <h2 id="search-results-heading" className="text-lg font-semibold tracking-tight">
        {total === 1 ? "1 result" : `${total.toLocaleString("en")} results`} for <span className="break-words">“{query}”</span>
        {totalPages > 1 && <span className="font-normal text-zinc-600 dark:text-zinc-400"> · page {page} of {totalPages}</span>}
      </h2>
      {correctedQuery && (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          No posts matched your spelling. Showing results for <strong className="font-semibold">{correctedQuery}</strong>.
        </p>
      )}
      {match === "title" && (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">No post contains all of those words; these titles look similar.</p>
      )}
      {hits.length > 0 ? (
        <ol className="mt-6 divide-y divide-zinc-200 dark:divide-zinc-800">
          {hits.map((hit) => (
            <li key={hit.id}>
              <SearchHitCard hit={hit} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-6 text-zinc-700 dark:text-zinc-300">
          There are only {totalPages} {totalPages === 1 ? "page" : "pages"} of results.{" "}
          <Link href={searchPath(query)} className={linkClass}>
            Go to the first page
          </Link>
        </p>
      )}
      <SearchPagination query={query} page={page} totalPages={totalPages} />
    </section>
  );
}

function SearchHitCard({ hit }: { hit: SearchHit }) {
  return (
    <article className="py-6">
      <h3 className="search-hit-title">
        <Link href={postPath(hit.slug)} className="search-hit-link">
          <HighlightedText segments={hit.titleHighlights} />
        </Link>
      </h3>
      <p className="search-hit-meta">
        <PostDate date={hit.publishedAt} /> · {hit.author.name}
      </p>
      {hit.snippet.length > 0 && (
        <p className="search-hit-snippet">
          <HighlightedText segments={hit.snippet} />
        </p>
      )}
      {hit.tags.length > 0 && (
        <ul aria-label="Tags" className="mt-3 flex flex-wrap gap-2">
          {hit.tags.map((tag) => (
            <li key={tag.slug}>
              <Link href={tagPath(tag.slug)} className="search-hit-tag">
                {tag.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function SearchPagination({ query, page, totalPages }: { query: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  // The numbered pagination's step links, with their wider padding at every width.
  const stepClass = "pagination-step px-4";
  return (
    <nav aria-label="Search results pages" className="pagination mt-8">
      <div className="flex-1">
        {page > 1 && page <= totalPages && (
          <Link href={searchPath(query, page - 1)} rel="prev" className={stepClass}>
            ← Previous
          </Link>
        )}
      </div>
      <p className="text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        Page {Math.min(page, totalPages)} of {totalPages}
      </p>
      <div className="flex flex-1 justify-end">
        {page < totalPages && (
          <Link href={searchPath(query, page + 1)} rel="next" className={stepClass}>
            Next →
          </Link>
        )}
      </div>
    </nav>
  );
}

function NoResults({ query }: { query: string }) {
  return (
    <section aria-labelledby="search-results-heading">
      <h2 id="search-results-heading" className="text-lg font-semibold tracking-tight break-words">
        No results for “{query}”
      </h2>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
        <li>Check the spelling, or try a word with a similar meaning.</li>
        <li>Use fewer or more general words: every word must appear in a post.</li>
        <li>The start of a word is enough for the last word, as in “retriev”.</li>
      </ul>
      <p className="mt-6">
        <Link href="/" className={linkClass}>
          Browse all posts →
        </Link>
      </p>
    </section>
  );
}
