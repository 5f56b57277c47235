import type { PostSummary } from "@/lib/posts";
import { PostCard } from "@/components/posts/post-card";

export function PostList({ posts }: { posts: PostSummary[] }) {
  if (posts.length === 0) {
    return <p className="py-10 text-zinc-600 dark:text-zinc-400">Nothing has been published here yet.</p>;
  }
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
    </div>
  );
}
