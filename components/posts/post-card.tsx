import Link from "next/link";
import type { PostSummary } from "@/lib/posts";
import { authorPath, postPath, tagPath } from "@/lib/paths";
import { PostDate } from "@/components/posts/post-date";

export interface PostCardProps {
  post: PostSummary;
  headingLevel?: 2 | 3;
}

// The title link stretches over the whole card; these links sit above that overlay so they stay clickable.
const overlayLink =
  "relative z-10 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:hover:text-indigo-300 dark:focus-visible:outline-indigo-400";

/** A published post in a list: date, title (the main link), excerpt, author and tags. */
export function PostCard({ post, headingLevel = 2 }: PostCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="group relative py-8 first:pt-0">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
      </p>
      <Heading className="mt-2 text-xl font-semibold tracking-tight text-balance sm:text-2xl">
        <Link
          href={postPath(post.slug)}
          className="rounded-sm after:absolute after:inset-0 group-hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:group-hover:text-indigo-300 dark:focus-visible:outline-indigo-400"
        >
          {post.title}
        </Link>
      </Heading>
      <p className="mt-3 leading-relaxed text-zinc-700 dark:text-zinc-300">{post.excerpt}</p>
      <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          By{" "}
          <Link href={authorPath(post.author.slug)} className={`rounded-sm font-medium text-zinc-800 dark:text-zinc-200 ${overlayLink}`}>
            {post.author.name}
          </Link>
        </p>
        {post.tags.length > 0 && (
          <ul aria-label="Tags" className="flex flex-wrap gap-2">
            {post.tags.map((tag) => (
              <li key={tag.slug}>
                <Link
                  href={tagPath(tag.slug)}
                  className={`inline-block rounded-full bg-zinc-100 px-2.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300 ${overlayLink}`}
                >
                  {tag.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
