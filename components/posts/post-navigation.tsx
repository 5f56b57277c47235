import type { AdjacentPosts, PostLink } from "@/lib/related-posts";
import { postPath } from "@/lib/paths";
import { cn } from "@/lib/utils";

export interface PostNavigationProps {
  adjacent: AdjacentPosts;
}

function NeighbourLink({ post, direction }: { post: PostLink; direction: "previous" | "next" }) {
  const isNext = direction === "next";
  return (
    <a rel={isNext ? "next" : "prev"} className={cn("group link-card h-full gap-1", isNext && "sm:items-end sm:text-right")} href={postPath(post.slug)}>
      <span className="eyebrow">
        {isNext ? "Next post →" : "← Previous post"}
      </span>
      <span className="link-card-title">{post.title}</span>
    </a>
  );
}

/** Links to the chronologically previous (older) and next (newer) published posts; nothing when there are neither. */
export function PostNavigation({ adjacent }: PostNavigationProps) {
  const { previous, next } = adjacent;
  if (!previous && !next) return null;
  return (
    <nav aria-label="Previous and next posts" className="mt-12">
      <ul className="grid gap-4 sm:grid-cols-2">
        {previous && (
          <li>
            <NeighbourLink post={previous} direction="previous" />
          </li>
        )}
        {next && (
          <li className="sm:col-start-2">
            <NeighbourLink post={next} direction="next" />
          </li>
        )}
      </ul>
    </nav>
  );
}
