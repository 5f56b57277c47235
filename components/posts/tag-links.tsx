import { tagPath } from "@/lib/paths";

export interface TagLinksProps {
  tags: { slug: string; name: string }[];
  className?: string;
  linkClassName: string;
}

/**
 * A post's tags as a list of links. Each link's text starts with a visually hidden "Posts tagged", so a
 * short tag name ("Go", "More") still says where it leads to a screen reader listing links and to
 * search engines (Lighthouse counts "go" among link texts that describe nothing).
 */
export function TagLinks({ tags, className, linkClassName }: TagLinksProps) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label="Tags" className={className}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <a className={linkClassName} href={tagPath(tag.slug)}>
            <span className="sr-only">Posts tagged </span>
            {tag.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
