import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuthorBox } from "@/components/posts/author-box";
import { PostBody } from "@/components/posts/post-body";
import { PostDate } from "@/components/posts/post-date";
import { PostNavigation } from "@/components/posts/post-navigation";
import { RelatedPosts } from "@/components/posts/related-posts";
import { TableOfContents } from "@/components/posts/table-of-contents";
import { JsonLd } from "@/components/seo/json-ld";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { listHeadings, tableOfContents } from "@/lib/editor/headings";
import { pageMetadata } from "@/lib/metadata";
import { authorPath, postPath, tagPath } from "@/lib/paths";
import { getPublishedPost, listPublishedSlugs } from "@/lib/posts";
import { ARTICLE_IMAGE_SIZES, responsiveImage } from "@/lib/responsive-image";
import { getAdjacentPosts, listRelatedPosts } from "@/lib/related-posts";
import { getSiteSettings } from "@/lib/site";
import { postSocialImage } from "@/lib/social-image";
import { blogPostingJsonLd, breadcrumbJsonLd } from "@/lib/structured-data";

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
    tags: post.tags.map((tag) => tag.name),
    image: { ...postSocialImage(post), alt: post.title },
  });
}

export default async function PostPage({ params }: Props) {
  const { slug } = await params;
  const post = await getPublishedPost(slug);
  if (!post) notFound();
  const [adjacent, related, site] = await Promise.all([getAdjacentPosts(post), listRelatedPosts({ ...post, tagSlugs: post.tags.map((tag) => tag.slug) }), getSiteSettings()]);
  const toc = tableOfContents(listHeadings(post.content));
  const featureImageSrc = safeImageSrc(post.featureImage);
  // Its box comes from the aspect ratio below, so the file's width and height stay off the element.
  const featureImage = featureImageSrc ? await responsiveImage(featureImageSrc, ARTICLE_IMAGE_SIZES) : null;
  const primaryTag = post.tags[0];
  const path = postPath(post.slug);

  return (
    <>
      <JsonLd
        data={[
          blogPostingJsonLd(
            {
              title: post.title,
              description: post.excerpt,
              path,
              image: postSocialImage(post).url,
              publishedAt: post.publishedAt,
              updatedAt: post.updatedAt,
              author: { name: post.author.name, path: authorPath(post.author.slug), bio: post.author.bio, website: post.author.website },
              keywords: post.tags.map((tag) => tag.name),
              wordCount: post.wordCount,
            },
            site,
          ),
          breadcrumbJsonLd(site, [...(primaryTag ? [{ name: primaryTag.name, path: tagPath(primaryTag.slug) }] : []), { name: post.title, path }]),
        ]}
      />
      <article>
        <header className="mb-10">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
          </p>
          <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance sm:text-4xl">{post.title}</h1>
          <p className="mt-4 text-zinc-600 dark:text-zinc-400">
            By{" "}
            <Link href={authorPath(post.author.slug)} className="font-medium text-zinc-800 hover:text-indigo-700 hover:underline dark:text-zinc-200 dark:hover:text-indigo-300">
              {post.author.name}
            </Link>
          </p>
          {post.tags.length > 0 && (
            <ul aria-label="Tags" className="mt-4 flex flex-wrap gap-2">
              {post.tags.map((tag) => (
                <li key={tag.slug}>
                  <Link href={tagPath(tag.slug)} className="tag-chip">
                    {tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </header>
        {featureImage && (
          // The reserved aspect ratio keeps the text from jumping when the image arrives; only images on
          // this site get a srcset (lib/responsive-image.ts).
          <figure className="mb-10">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={featureImage.src}
              srcSet={featureImage.srcSet}
              sizes={featureImage.sizes}
              alt={post.featureImageAlt}
              fetchPriority="high"
              loading="eager"
              decoding="async"
              className="aspect-[1.91/1] w-full rounded-lg bg-zinc-100 object-cover dark:bg-zinc-900"
            />
            {post.featureImageCaption && <figcaption className="mt-2 text-center text-sm text-zinc-600 dark:text-zinc-400">{post.featureImageCaption}</figcaption>}
          </figure>
        )}
        <TableOfContents entries={toc} />
        <PostBody doc={post.content} />
        <AuthorBox author={post.author} />
      </article>
      <PostNavigation adjacent={adjacent} />
      <RelatedPosts posts={related} />
      <p className="mt-12">
        <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← All posts
        </Link>
      </p>
    </>
  );
}
