import Link from "next/link";
import type { PostSummary } from "@/lib/posts";
import { authorPath, postPath } from "@/lib/paths";
import { PostDate } from "@/components/posts/post-date";
import { TagLinks } from "@/components/posts/tag-links";

export interface PostCardProps {
  post: PostSummary;
  headingLevel?: 2 | 3;
}

/**
 * A published post in a list: date, title (the main link), excerpt, author and tags. The title link
 * stretches over the whole card; the author and tag links sit above it so they stay clickable.
 */
export function PostCard({ post, headingLevel = 2 }: PostCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="group post-card">
      <p className="post-card-meta">
        <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
      </p>
      <Heading className="post-card-title">
        <Link prefetch={false} href={postPath(post.slug)} className="post-card-link">
          {post.title}
        </Link>
      </Heading>
      <p className="post-card-excerpt">{post.excerpt}</p>
      <div className="post-card-byline">
        <p>
          {/* One text node: `By{" "}` would be two, and the HTML separates adjacent ones with <!-- -->. */}
          {"By "}
          <Link prefetch={false} href={authorPath(post.author.slug)} className="post-card-author">
            {post.author.name}
          </Link>
        </p>
        <TagLinks tags={post.tags} className="flex flex-wrap gap-2" linkClassName="post-card-tag" />
      </div>
    </article>
  );
}
