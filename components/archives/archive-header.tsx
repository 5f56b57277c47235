import { Breadcrumbs, type BreadcrumbItem } from "@/components/archives/breadcrumbs";
import { FeedLink } from "@/components/archives/feed-link";

export interface ArchiveHeaderProps {
  /** What the archive collects, shown above the name: "Tag" or "Author". */
  kind: string;
  name: string;
  /** Tag description or author bio. */
  description?: string | null;
  postCount: number;
  /** Current page number; pages after the first say so in the heading. */
  page: number;
  breadcrumbs: BreadcrumbItem[];
  /** The archive's own RSS feed. */
  feedHref: string;
  /** An author's own site (already checked to be an http(s) URL). */
  website?: string | null;
  /** An author's profile photo. */
  imageSrc?: string | null;
}

/** Shows the host part of a URL ("example.com/me") rather than the full address. */
function displayUrl(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host.replace(/^www\./, "")}${pathname === "/" ? "" : pathname}`;
}

/** The top of a tag or author archive: breadcrumbs, the one h1, description, post count and feed. */
export function ArchiveHeader({ kind, name, description, postCount, page, breadcrumbs, feedHref, website, imageSrc }: ArchiveHeaderProps) {
  return (
    <header className="mb-10 border-b border-zinc-200 pb-8 dark:border-zinc-800">
      <Breadcrumbs items={breadcrumbs} />
      {imageSrc && (
        // eslint-disable-next-line @next/next/no-img-element -- a 256-pixel WebP already; the name follows as the heading
        <img src={imageSrc} alt="" width={80} height={80} className="mt-6 size-20 rounded-full object-cover" data-testid="author-photo" />
      )}
      <p className="mt-6 text-sm font-semibold tracking-wide text-indigo-700 uppercase dark:text-indigo-300">{kind}</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-balance sm:text-4xl">
        {name}
        {page > 1 && <span className="font-normal text-zinc-500 dark:text-zinc-400"> · page {page}</span>}
      </h1>
      {description && <p className="mt-4 max-w-2xl text-lg leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</p>}
      <ul className="mt-5 flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <li>{postCount === 1 ? "1 post" : `${postCount} posts`}</li>
        {website && (
          <li>
            <a href={website} rel="me noopener" className="link-accent">
              <span className="sr-only">Website: </span>
              {displayUrl(website)}
            </a>
          </li>
        )}
        <li>
          <FeedLink href={feedHref}>RSS feed</FeedLink>
        </li>
      </ul>
    </header>
  );
}
