import Link from "next/link";
import { SearchForm } from "@/components/search/search-form";

/**
 * What a reader sees for a missing or unpublished page, with ways on: search, the latest posts, the feed.
 * It reads no data on purpose: Next renders every not-found boundary into each page of its segment, so
 * anything it read (say, the newest posts) would tie every cached page to every publish.
 */
export function NotFoundMessage() {
  return (
    <>
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">
        The page you asked for does not exist, or it is no longer published. Search for it, or start from the latest posts.
      </p>
      <div className="mt-6 max-w-md">
        <SearchForm id="not-found-search" />
      </div>
      <ul className="mt-10 space-y-3">
        <li>
          <Link prefetch={false} href="/" className="link-accent">
            Go to the home page →
          </Link>
        </li>
        <li>
          <Link prefetch={false} href="/search" className="link-accent">
            Search every post →
          </Link>
        </li>
        <li>
          <a href="/rss.xml" className="link-accent">
            Follow the RSS feed →
          </a>
        </li>
      </ul>
    </>
  );
}
