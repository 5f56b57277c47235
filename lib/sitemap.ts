import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { authorPath, postPath, tagPath } from "@/lib/paths";
import { listAuthorsForSitemap, listPublishedPostsForSitemap, listTagsForSitemap } from "@/lib/posts";
import { SITEMAP_URL_LIMIT, sitemapDocument, type SitemapSection } from "@/lib/sitemap-xml";
import { absoluteUrl } from "@/lib/urls";

/** Path of a child sitemap file when /sitemap.xml is an index. */
export const sitemapChildPath = (file: string) => `/sitemaps/${file}`;

const latest = (dates: Date[]) => dates.reduce<Date | undefined>((max, date) => (!max || date > max ? date : max), undefined);

// Crawlers fetch sitemaps rarely; an hour of reuse by a CDN costs little freshness.
const CACHE_CONTROL = "public, max-age=3600";

/**
 * The sitemap at /sitemap.xml (file null) or a child file such as "posts-2.xml", or null when there is
 * no such child. Lists the home page, every published post, and every tag and author with published
 * posts, each with the last change of its newest post. Cached until the set of published posts changes.
 */
export async function renderSitemap(file: string | null, limit: number = SITEMAP_URL_LIMIT): Promise<string | null> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  const [posts, tags, authors] = await Promise.all([listPublishedPostsForSitemap(), listTagsForSitemap(), listAuthorsForSitemap()]);
  const sections: SitemapSection[] = [
    // The home page lists the newest posts, so it changes when any of them does.
    { name: "pages", urls: [{ loc: absoluteUrl("/"), lastmod: latest(posts.map((post) => post.lastModified)) }] },
    { name: "posts", urls: posts.map((post) => ({ loc: absoluteUrl(postPath(post.slug)), lastmod: post.lastModified })) },
    { name: "tags", urls: tags.map((tag) => ({ loc: absoluteUrl(tagPath(tag.slug)), lastmod: tag.lastModified })) },
    { name: "authors", urls: authors.map((author) => ({ loc: absoluteUrl(authorPath(author.slug)), lastmod: author.lastModified })) },
  ];
  return sitemapDocument(sections, file, { limit, childUrl: (child) => absoluteUrl(sitemapChildPath(child)) });
}

/** The HTTP response for a sitemap route: the XML document, or 404 for an unknown child. For GET route handlers. */
export async function sitemapResponse(file: string | null): Promise<Response> {
  const body = await renderSitemap(file);
  if (body === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": CACHE_CONTROL } });
}
