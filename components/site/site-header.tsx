import Link from "next/link";
import { ThemeToggle } from "@/components/site/theme-toggle";

export interface SiteNavItem {
  label: string;
  url: string;
}

export interface SiteHeaderProps {
  title: string;
  /** Site path of the logo; the title stays as its text alternative. */
  logo?: string | null;
  /** The primary menu; without one, a link to the blog's home. */
  navigation?: SiteNavItem[];
}

const DEFAULT_NAVIGATION: SiteNavItem[] = [{ label: "Blog", url: "/" }];

/** A menu link: site paths through next/link (client navigation), other URLs as plain links. */
export function SiteNavLink({ item, className }: { item: SiteNavItem; className: string }) {
  return item.url.startsWith("/") ? (
    <Link prefetch={false} href={item.url} className={className}>
      {item.label}
    </Link>
  ) : (
    <a href={item.url} className={className}>
      {item.label}
    </a>
  );
}

export function SiteHeader({ title, logo, navigation }: SiteHeaderProps) {
  const items = navigation && navigation.length > 0 ? navigation : DEFAULT_NAVIGATION;
  return (
    <header className="site-header">
      <div className="site-header-inner flex-wrap">
        <Link prefetch={false} href="/" className="site-title">
          {logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded logo of unknown size, shown at a fixed height
            <img src={logo} alt={title} className="h-8 w-auto max-w-48 object-contain" />
          ) : (
            title
          )}
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex flex-wrap items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
              {items.map((item, index) => (
                <li key={`${index}-${item.url}`}>
                  <SiteNavLink item={item} className="site-nav-link" />
                </li>
              ))}
              <li>
                <Link prefetch={false} href="/search" className="site-nav-link inline-flex items-center gap-1.5">
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
