import { SEARCH_QUERY_MAX_LENGTH } from "@/lib/search-query";

export interface SearchFormProps {
  defaultValue?: string;
  autoFocus?: boolean;
  /** Id of the input; give each form on a page its own so the label stays tied to it. */
  id?: string;
  /** Names the search landmark; give one when a page has a second search form (landmarks must differ). */
  landmarkLabel?: string;
}

/** A plain GET form to /search: works without JavaScript, and the URL is shareable. */
export function SearchForm({ defaultValue, autoFocus, id = "search-q", landmarkLabel }: SearchFormProps) {
  return (
    <form action="/search" method="get" role="search" aria-label={landmarkLabel} className="flex min-w-0 items-stretch gap-2">
      <label htmlFor={id} className="sr-only">
        Search posts
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        // The server caps queries anyway; this only stops a pasted novel from reaching the URL.
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        placeholder="Search posts"
        autoComplete="off"
        enterKeyHint="search"
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
      />
      <button
        type="submit"
        className="inline-flex shrink-0 items-center justify-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400"
      >
        Search
      </button>
    </form>
  );
}
