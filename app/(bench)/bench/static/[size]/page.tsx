import type { Metadata } from "next";
import Link from "next/link";
import { cacheLife } from "next/cache";
import { notFound } from "next/navigation";
import { referencePost } from "@/bench/reference-post";
import { STATIC_PAGE_SIZES, staticPageDoc } from "@/bench/static-pages";
import { PostBody } from "@/components/posts/post-body";
import { PostDate } from "@/components/posts/post-date";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import { parsePostDoc, readingMinutes } from "@/lib/editor/doc";
import "@/app/code-theme.css";

// The benchmark's "fully static Next page" baselines: post-page markup from constant data, one page
// per size in bench/static-pages.ts, all prerendered at build time. They exist only in builds made by
// `npm run bench` (QUIRE_BENCH=1); read at build time, the flag is baked into the prerendered result.
const enabled = process.env.QUIRE_BENCH === "1";

interface Props {
  params: Promise<{ size: string }>;
}

// Cache Components needs at least one param to validate the route; other builds prerender a 404 for it.
export function generateStaticParams() {
  return (enabled ? STATIC_PAGE_SIZES : STATIC_PAGE_SIZES.slice(0, 1)).map((size) => ({ size: String(size) }));
}

const { post: reference, site: referenceSite } = referencePost();

// Roughly the head a post page has (description and social cards), so the bytes stay comparable.
export const metadata: Metadata = {
  title: `${reference.title} — ${referenceSite.title}`,
  description: reference.customExcerpt,
  robots: { index: false, follow: false },
  openGraph: { title: reference.title, description: reference.customExcerpt, siteName: referenceSite.title, type: "article", tags: reference.tagSlugs },
  twitter: { card: "summary", title: reference.title, description: reference.customExcerpt },
};

export default async function BenchStaticPage({ params }: Props) {
  if (!enabled) notFound();
  const { size: param } = await params;
  const size = STATIC_PAGE_SIZES.find((candidate) => String(candidate) === param);
  if (size === undefined) notFound();
  return <SizedPostPage size={size} />;
}

// Cached like the site's own pages, for as long as the build lives, so nothing in it (such as a
// component reading the clock) makes the page dynamic.
async function SizedPostPage({ size }: { size: number }) {
  "use cache";
  cacheLife("max");
  const { post, author, site, tags } = referencePost();
  const body = parsePostDoc(staticPageDoc(size));
  // A fixed date: the page must not depend on when it was built.
  const publishedAt = new Date("2026-01-15T09:00:00Z");
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SiteHeader title={site.title} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-10 focus:outline-none">
        <article>
          <header className="mb-10">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              <PostDate date={publishedAt} /> · {readingMinutes(body.wordCount)} min read
            </p>
            <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance sm:text-4xl">{post.title}</h1>
            <p className="mt-4 text-zinc-600 dark:text-zinc-400">
              By <span className="font-medium text-zinc-800 dark:text-zinc-200">{author.name}</span>
            </p>
            <ul aria-label="Tags" className="mt-4 flex flex-wrap gap-2">
              {tags.map((tag) => (
                <li key={tag.slug} className="rounded-full bg-zinc-100 px-3 py-1 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  {tag.name}
                </li>
              ))}
            </ul>
          </header>
          <PostBody doc={body.doc} />
          <aside aria-label="About the author" className="mt-14 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
            <p className="font-medium">{author.name}</p>
            <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{author.bio}</p>
          </aside>
          <p className="mt-10">
            <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              ← All posts
            </Link>
          </p>
        </article>
      </main>
      <SiteFooter title={site.title} description={site.description} />
    </div>
  );
}
