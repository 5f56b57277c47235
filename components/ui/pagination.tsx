import Link from "next/link";

export interface PaginationProps {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  /** Names the list being paged ("Pagination" when omitted), for pages with more than one nav landmark. */
  label?: string;
}

/**
 * Page numbers to show around `page`: the first and last, the current one with a neighbour on each side,
 * and "gap" where pages are left out (a gap never stands for a single page: that page is shown instead).
 */
export function pageWindow(page: number, totalPages: number): (number | "gap")[] {
  const shown = new Set([1, totalPages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= totalPages));
  const sorted = [...shown].sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const n of sorted) {
    const previous = items.at(-1);
    if (typeof previous === "number" && n - previous === 2) items.push(n - 1);
    else if (typeof previous === "number" && n - previous > 2) items.push("gap");
    items.push(n);
  }
  return items;
}

/** Newer/older links plus numbered pages, as a navigation landmark; nothing when there is one page. */
export function Pagination({ page, totalPages, hrefFor, label = "Pagination" }: PaginationProps) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination mt-12">
      <div className="flex-1">
        {page > 1 && (
          <Link prefetch={false} href={hrefFor(page - 1)} rel="prev" className="pagination-step">
            ← Newer posts
          </Link>
        )}
      </div>
      <p className="text-sm whitespace-nowrap text-zinc-600 sm:hidden dark:text-zinc-400">
        <span className="sr-only">Page </span>
        {page} of {totalPages}
      </p>
      <ol className="hidden items-center gap-1 text-sm sm:flex">
        {pageWindow(page, totalPages).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-zinc-500 dark:text-zinc-400">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                prefetch={false}
                href={hrefFor(item)}
                aria-current={item === page ? "page" : undefined}
                className={item === page ? "pagination-current" : "pagination-page"}
              >
                <span className="sr-only">Page </span>
                {item}
              </Link>
            </li>
          ),
        )}
      </ol>
      <div className="flex flex-1 justify-end">
        {page < totalPages && (
          <Link prefetch={false} href={hrefFor(page + 1)} rel="next" className="pagination-step">
            Older posts →
          </Link>
        )}
      </div>
    </nav>
  );
}
