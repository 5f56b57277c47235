import Link from "next/link";
import type { PostSummary } from "@/lib/posts";
import { postPath } from "@/lib/paths";
import { PostDate } from "@/components/posts/post-date";

export interface PostCardProps {
  post: PostSummary;
  headingLevel?: 2 | 3;
}

export function PostCard({ post, headingLevel = 2 }: PostCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="group relative py-8 first:pt-0">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
      </p>
      <Heading className="mt-2 text-xl font-semibold tracking-tight text-balance sm:text-2xl">
        <Link href={postPath(post.slug)} className="after:absolute after:inset-0 group-hover:text-indigo-700 dark:group-hover:text-indigo-300">
          {post.title}
        </Link>
      </Heading>
      <p className="mt-3 leading-relaxed text-zinc-700 dark:text-zinc-300">{post.excerpt}</p>
      <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">
        By {post.author.name}
        {post.tags.length > 0 && <> · {post.tags.map((tag) => tag.name).join(", ")}</>}
      </p>
    </article>
  );
}
