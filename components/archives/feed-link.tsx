export interface FeedLinkProps {
  href: string;
  /** Link text; its purpose must be clear on its own, e.g. "RSS feed". */
  children: React.ReactNode;
}

/** A visible link to a feed, for readers who subscribe by hand; feed readers find it through <link rel="alternate">. */
export function FeedLink({ href, children }: FeedLinkProps) {
  return (
    // A plain <a>: a feed is a file for feed readers, not a page for client-side navigation.
    <a href={href} type="application/rss+xml" className="feed-link">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
        <circle cx="3" cy="13" r="2" />
        <path d="M1 6.5v2a6.5 6.5 0 0 1 6.5 6.5h2A8.5 8.5 0 0 0 1 6.5Z" />
        <path d="M1 1.5v2A11.5 11.5 0 0 1 12.5 15h2A13.5 13.5 0 0 0 1 1.5Z" />
      </svg>
      {children}
    </a>
  );
}
