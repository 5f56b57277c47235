import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostArticle } from "@/components/posts/post-article";
import { PostNavigation } from "@/components/posts/post-navigation";
import { RelatedPosts } from "@/components/posts/related-posts";
import { JsonLd } from "@/components/seo/json-ld";
import { pageMetadata } from "@/lib/metadata";
import { authorPath, postPath, tagPath } from "@/lib/paths";
import { listPublishedSlugs } from "@/lib/posts";
import { getPostPage } from "@/lib/posts/post-page";
import { getSiteSettings } from "@/lib/site";
import { postSocialImage } from "@/lib/social-image";
import { blogPostingJsonLd, breadcrumbJsonLd } from "@/lib/structured-data";

interface Props {
  params: Promise<{ slug: string }>;
}

// Listed params make the route static and are rendered at build time (one at least, so that an empty
// database still builds one); other slugs render on first request and are then served from the cache
// like these.
export async function generateStaticParams() {
  const slugs = await listPublishedSlugs(50);
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: "welcome" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const post = (await getPostPage(slug))?.post;
  if (!post) return { title: "Not found", robots: { index: false } };
  const seo = post.seo;
  return pageMetadata({
    title: seo?.metaTitle || post.title,
    description: seo?.metaDescription || post.excerpt,
    path: postPath(post.slug),
    canonical: seo?.canonicalUrl ?? undefined,
    socialTitle: seo?.socialTitle || seo?.metaTitle || post.title,
    socialDescription: seo?.socialDescription || seo?.metaDescription || post.excerpt,
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
  const [page, site] = await Promise.all([getPostPage(slug), getSiteSettings()]);
  if (!page) notFound();
  const { post, adjacent, related } = page;
  const primaryTag = post.tags[0];
  const path = postPath(post.slug);

  return (
    <>
      <JsonLd
        data={[
          blogPostingJsonLd(
            {
              title: post.title,
              description: post.seo?.metaDescription || post.excerpt,
              path,
              canonical: post.seo?.canonicalUrl ?? undefined,
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
      <PostArticle post={post} />
      <PostNavigation adjacent={adjacent} />
      <RelatedPosts posts={related} />
      <p className="mt-12">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- reader pages have no client router (components/site/site-header.tsx SiteNavLink) */}
        <a className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300" href="/">
          ← All posts
        </a>
      </p>
    </>
  );
}
