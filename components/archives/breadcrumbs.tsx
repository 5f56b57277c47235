import Link from "next/link";

export interface BreadcrumbItem {
  name: string;
  href: string;
}

export interface BreadcrumbsProps {
  /** From the home page down to the current page, which comes last. */
  items: BreadcrumbItem[];
}

/** The visible trail that the page's BreadcrumbList structured data describes. */
export function Breadcrumbs({ items }: BreadcrumbsProps) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {items.map((item, index) => {
          const current = index === items.length - 1;
          return (
            <li key={item.href} className="flex items-center gap-x-2">
              {index > 0 && (
                <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-600">
                  /
                </span>
              )}
              {current ? (
                <span aria-current="page" className="font-medium text-zinc-800 dark:text-zinc-200">
                  {item.name}
                </span>
              ) : (
                <Link href={item.href} className="breadcrumb-link">
                  {item.name}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
