import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { DomainError } from "@/lib/errors";
import { FEED_CONTENT_TYPES, renderFeedDocument, type FeedDocumentEntry } from "@/lib/feed-document";
import { authorPath, feedPath, postPath, tagPath, type FeedFormat, type FeedScope } from "@/lib/paths";
import { escapeHtml, renderPostHtml } from "@/lib/post-html";
import { listPublishedPostsForFeed, type FeedPost } from "@/lib/posts";
import { getSiteSettings } from "@/lib/site";
import { siteIconPath } from "@/lib/site/icon-paths";
import { getPublicTag } from "@/lib/tags";
import { absoluteUrl } from "@/lib/urls";
import { getPublicAuthor } from "@/lib/users";

/** Posts per feed: the newest ones, as most readers poll often enough not to miss any. */
export const FEED_SIZE = 20;

// Readers and CDNs may reuse a feed briefly; the server's own copy is invalidated on every publish.
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

/** An id that survives slug changes (RFC 4151 tag URI: site host, publication date, post id). */
function entryId(post: FeedPost): string {
  const host = new URL(absoluteUrl("/")).host;
  return `tag:${host},${post.publishedAt.toISOString().slice(0, 10)}:post:${post.id}`;
}

/** The post body as HTML; one unreadable stored document falls back to its excerpt rather than failing the whole feed. */
function contentHtml(post: FeedPost, url: string): string {
  try {
    return renderPostHtml(post.content, url);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.warn(`Feed shows the excerpt of post ${post.id}: its stored body could not be rendered.`);
    return `<p>${escapeHtml(post.excerpt)}</p>`;
  }
}

function toEntry(post: FeedPost): FeedDocumentEntry {
  const url = absoluteUrl(postPath(post.slug));
  return {
    id: entryId(post),
    title: post.title,
    url,
    summary: post.excerpt,
    contentHtml: contentHtml(post, url),
    published: post.publishedAt,
    updated: post.updatedAt,
    author: { name: post.author.name, url: absoluteUrl(authorPath(post.author.slug)) },
    tags: post.tags.map((tag) => ({ name: tag.name, slug: tag.slug })),
  };
}

/** Title, description and page of a feed's scope, or null when readers cannot see it (unknown, or no published posts). */
async function describeScope(scope: FeedScope, site: { title: string; description: string }) {
  if (scope.kind === "site") return { title: site.title, description: site.description, path: "/" };
  if (scope.kind === "tag") {
    const tag = await getPublicTag(scope.slug);
    return tag && { title: `${site.title} — ${tag.name}`, description: tag.description || `Posts tagged ${tag.name}.`, path: tagPath(tag.slug) };
  }
  const author = await getPublicAuthor(scope.slug);
  return author && { title: `${site.title} — ${author.name}`, description: author.bio || `Posts by ${author.name}.`, path: authorPath(author.slug) };
}

/**
 * The feed of the site, a tag or an author in one format, or null when the tag or author is unknown
 * or has no published posts. Cached until a post, the tag, the author or the site settings change.
 */
export async function renderFeed(scope: FeedScope, format: FeedFormat): Promise<string | null> {
  "use cache";
  cacheTag(cacheTags.site, scope.kind === "site" ? cacheTags.postList : scope.kind === "tag" ? cacheTags.tag(scope.slug) : cacheTags.author(scope.slug));
  cacheLife("content");
  const site = await getSiteSettings();
  const [described, posts] = await Promise.all([describeScope(scope, site), listPublishedPostsForFeed(scope, FEED_SIZE)]);
  if (!described || (scope.kind !== "site" && posts.length === 0)) return null;
  return renderFeedDocument(
    {
      title: described.title,
      description: described.description,
      pageUrl: absoluteUrl(described.path),
      feedUrls: { rss: absoluteUrl(feedPath(scope, "rss")), atom: absoluteUrl(feedPath(scope, "atom")), json: absoluteUrl(feedPath(scope, "json")) },
      language: "en",
      entries: posts.map(toEntry),
      icon: absoluteUrl(siteIconPath("apple", site.version)),
      favicon: absoluteUrl(siteIconPath("favicon", site.version)),
    },
    format,
  );
}

/** The HTTP response for a feed route: the feed with its content type, or 404. For GET route handlers. */
export async function feedResponse(scope: FeedScope, format: FeedFormat): Promise<Response> {
  const body = await renderFeed(scope, format);
  if (body === null) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(body, { headers: { "Content-Type": FEED_CONTENT_TYPES[format], "Cache-Control": CACHE_CONTROL } });
}

/** The GET handler of a tag's or an author's feed route in one format; the slug comes from the route. */
export function scopedFeedHandler(kind: "tag" | "author", format: FeedFormat) {
  return async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
    const { slug } = await params;
    return feedResponse({ kind, slug }, format);
  };
}
