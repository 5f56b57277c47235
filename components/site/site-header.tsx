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

/**
 * A menu link. Reader pages are sent without the framework's scripts (lib/http/framework-scripts.ts), so
 * their links are plain anchors, not next/link: a Link there is a client component the server serialises
 * and renders for every page, for a client-side navigation that never runs.
 */
export function SiteNavLink({ item, className }: { item: SiteNavItem; className: string }) {
  return (
    <a className={className} href={item.url}>
      {item.label}
    </a>
  );
}

export function SiteHeader({ title, logo, navigation }: SiteHeaderProps) {
  const items = navigation && navigation.length > 0 ? navigation : DEFAULT_NAVIGATION;
  return (
    <header className="site-header">
      <div className="site-header-inner flex-wrap">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- reader pages have no client router (SiteNavLink above) */}
        <a className="site-title" href="/">
          {logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded logo of unknown size, shown at a fixed height
            <img src={logo} alt={title} className="h-8 w-auto max-w-48 object-contain" />
          ) : (
            title
          )}
        </a>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex flex-wrap items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
              {items.map((item, index) => (
                <li key={`${index}-${item.url}`}>
                  <SiteNavLink item={item} className="site-nav-link" />
                </li>
              ))}
              <li>
                <a className="site-nav-link inline-flex items-center gap-1.5" href="/search">
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                    <circle cx="11" cy="11" r="7" />
                    <path d="m20 20-3.5-3.5" />
                  </svg>
                  Search
                </a>
              </li>
            </ul>
          </nav>
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
