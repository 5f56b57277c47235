import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PostBody } from "@/components/posts/post-body";
import { PostDate } from "@/components/posts/post-date";
import { pageMetadata } from "@/lib/metadata";
import { getPublishedPost, listPublishedSlugs } from "@/lib/posts";
import { postPath } from "@/lib/paths";

interface Props {
  params: Promise<{ slug: string }>;
}

// Cache Components needs one param to validate the route at build time; other slugs render on first
// request and are then served from the cache like these.
export async function generateStaticParams() {
  const slugs = await listPublishedSlugs(50);
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: "welcome" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const post = await getPublishedPost(slug);
  if (!post) return { title: "Not found", robots: { index: false } };
  return pageMetadata({
    title: post.title,
    description: post.excerpt,
    path: postPath(post.slug),
    type: "article",
    publishedTime: post.publishedAt,
    modifiedTime: post.updatedAt,
    authors: [post.author.name],
  });
}

export default async function PostPage({ params }: Props) {
  const { slug } = await params;
  const post = await getPublishedPost(slug);
  if (!post) notFound();
  return (
    <article>
      <header className="mb-10">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
        </p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance sm:text-4xl">{post.title}</h1>
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">
          By <span className="font-medium text-zinc-800 dark:text-zinc-200">{post.author.name}</span>
        </p>
        {post.tags.length > 0 && (
          <ul aria-label="Tags" className="mt-4 flex flex-wrap gap-2">
            {post.tags.map((tag) => (
              <li key={tag.slug} className="rounded-full bg-zinc-100 px-3 py-1 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {tag.name}
              </li>
            ))}
          </ul>
        )}
      </header>
      <PostBody doc={post.content} />
      {post.author.bio && (
        <aside aria-label="About the author" className="mt-14 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
          <p className="font-medium">{post.author.name}</p>
          <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{post.author.bio}</p>
        </aside>
      )}
      <p className="mt-10">
        <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← All posts
        </Link>
      </p>
    </article>
  );
}
