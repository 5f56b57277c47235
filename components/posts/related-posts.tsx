import { PostDate } from "@/components/posts/post-date";
import type { RelatedPost } from "@/lib/related-posts";
import { postPath } from "@/lib/paths";

export interface RelatedPostsProps {
  posts: RelatedPost[];
}

/** Up to three posts on the same subject, as small cards; nothing when there are none. */
export function RelatedPosts({ posts }: RelatedPostsProps) {
  if (posts.length === 0) return null;
  return (
    <section aria-labelledby="related-posts-heading" className="mt-14">
      <h2 id="related-posts-heading" className="text-lg font-semibold tracking-tight">
        Related posts
      </h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-3">
        {posts.map((post) => (
          <li key={post.slug} className="group link-card relative">
            <h3 className="link-card-title">
              <a className="after:absolute after:inset-0" href={postPath(post.slug)}>
                {post.title}
              </a>
            </h3>
            <p className="mt-2 line-clamp-3 text-sm text-zinc-600 dark:text-zinc-400">{post.excerpt}</p>
            <p className="mt-auto pt-3 text-xs text-zinc-600 dark:text-zinc-400">
              <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
