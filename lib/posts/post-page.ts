import "server-only";
import { cacheLife } from "next/cache";
import { readPublishedPost, type PublicPost } from "@/lib/posts";
import { readAdjacentPosts, readRelatedPosts, type AdjacentPosts, type RelatedPost } from "@/lib/related-posts";

/** What a post's reader page shows: the post, its neighbours in time and its related posts. */
export interface PostPage {
  post: PublicPost;
  adjacent: AdjacentPosts;
  related: RelatedPost[];
}

/**
 * The published post with this slug with its neighbours and related posts, or null (drafts and
 * scheduled posts are null too). Readers only.
 *
 * One cache entry instead of one per read: a page that is not cached yet fills each of its entries
 * (a file written, its value encoded, then decoded by both of Next's render passes), and the page's
 * cache tags are the union of its reads' either way.
 */
export async function getPostPage(slug: string): Promise<PostPage | null> {
  "use cache";
  cacheLife("content");
  const post = await readPublishedPost(slug);
  if (!post) return null;
  const [adjacent, related] = await Promise.all([
    readAdjacentPosts(post.id, post.slug),
    readRelatedPosts(post.id, post.slug, post.tags.map((tag) => tag.slug)),
  ]);
  return { post, adjacent, related };
}
