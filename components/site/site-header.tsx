import Link from "next/link";
import { ThemeToggle } from "@/components/site/theme-toggle";

export interface SiteHeaderProps {
  title: string;
}

export function SiteHeader({ title }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="site-title">
          {title}
        </Link>
        <div className="flex items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
              <li>
                <Link href="/" className="site-nav-link">
                  Blog
                </Link>
              </li>
              <li>
                <Link href="/search" className="site-nav-link inline-flex items-center gap-1.5">
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
