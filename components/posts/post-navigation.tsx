import Link from "next/link";
import type { AdjacentPosts, PostLink } from "@/lib/related-posts";
import { postPath } from "@/lib/paths";

export interface PostNavigationProps {
  adjacent: AdjacentPosts;
}

function NeighbourLink({ post, direction }: { post: PostLink; direction: "previous" | "next" }) {
  const isNext = direction === "next";
  return (
    <Link
      href={postPath(post.slug)}
      rel={isNext ? "next" : "prev"}
      className={`group flex h-full flex-col gap-1 rounded-lg border border-zinc-200 p-4 hover:border-indigo-300 dark:border-zinc-800 dark:hover:border-indigo-700 ${isNext ? "sm:items-end sm:text-right" : ""}`}
    >
      <span className="text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {isNext ? "Next post →" : "← Previous post"}
      </span>
      <span className="font-medium text-balance group-hover:text-indigo-700 dark:group-hover:text-indigo-300">{post.title}</span>
    </Link>
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
