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
        className="search-input"
      />
      <button type="submit" className="search-button">
        Search
      </button>
    </form>
  );
}
