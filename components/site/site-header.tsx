import Link from "next/link";
import { ThemeToggle } from "@/components/site/theme-toggle";

export interface SiteHeaderProps {
  title: string;
}

export function SiteHeader({ title }: SiteHeaderProps) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-5 py-4">
        <Link href="/" className="text-lg font-semibold tracking-tight hover:text-indigo-700 dark:hover:text-indigo-300">
          {title}
        </Link>
        <div className="flex items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
              <li>
                <Link href="/" className="rounded-md px-2 py-2 hover:text-zinc-900 dark:hover:text-zinc-100">
                  Blog
                </Link>
              </li>
              <li>
                <Link href="/search" className="inline-flex items-center gap-1.5 rounded-md px-2 py-2 hover:text-zinc-900 dark:hover:text-zinc-100">
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                    <circle cx="11" cy="11" r="7" />
                    <path d="m20 20-3.5-3.5" />
                  </svg>
                  Search
                </Link>
              </li>
            </ul>
          </nav>
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
