import Link from "next/link";

export interface SiteHeaderProps {
  title: string;
}

export function SiteHeader({ title }: SiteHeaderProps) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-5 py-5">
        <Link href="/" className="text-lg font-semibold tracking-tight hover:text-indigo-700 dark:hover:text-indigo-300">
          {title}
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-5 text-sm text-zinc-600 dark:text-zinc-400">
            <li>
              <Link href="/" className="hover:text-zinc-900 dark:hover:text-zinc-100">
                Blog
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
