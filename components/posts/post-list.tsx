import type { PostSummary } from "@/lib/posts";
import { PostCard } from "@/components/posts/post-card";

export interface PostListProps {
  posts: PostSummary[];
  /** Heading level of each card's title: 2 under a page's h1, 3 under a section's h2. */
  headingLevel?: 2 | 3;
}

/** Post cards separated by rules, or a short note when there is nothing to show. */
export function PostList({ posts, headingLevel = 2 }: PostListProps) {
  if (posts.length === 0) {
    return <p className="py-10 text-zinc-600 dark:text-zinc-400">Nothing has been published here yet.</p>;
  }
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} headingLevel={headingLevel} />
      ))}
    </div>
  );
}
