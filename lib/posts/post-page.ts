import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { queryPrepared } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicPostFromRow, publishedPostQuery, type PublicPost, type PublicPostRow } from "@/lib/posts";
import {
  adjacentPostsFrom,
  NEIGHBOUR_COLUMNS,
  relatedPostsFrom,
  STORED_RELATED_COLUMN,
  type AdjacentPosts,
  type NeighbourJson,
  type RelatedPost,
  type StoredRelatedJson,
} from "@/lib/related-posts";

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
 * (a file written, its value encoded, then decoded for the render), and the page's cache tags are the
 * union of its reads' either way.
 */
export async function getPostPage(slug: string): Promise<PostPage | null> {
  "use cache";
  cacheLife("content");
  // Also when there is none: publishing a post under this slug must refresh a cached null.
  cacheTag(cacheTags.post(slug));
  // One statement: the post (readPublishedPost's), its neighbours (readAdjacentPosts') and its stored
  // related posts, each by an index from the post; three statements cost the server about three times
  // the driver's and Prisma's work per query, and a round trip more.
  // Kept prepared: it runs for every post page that is not cached, a crawler's long tail.
  const [row] = await queryPrepared<PostPageRow[]>("post_page", publishedPostQuery(slug, Prisma.sql`${NEIGHBOUR_COLUMNS}${STORED_RELATED_COLUMN}`));
  if (!row) return null;
  const post = await publicPostFromRow(row);
  const adjacent = adjacentPostsFrom(post.slug, row.previous_post, row.next_post);
  const related = await relatedPostsFrom(post.id, post.slug, post.tags.map((tag) => tag.slug), row.related_posts);
  return { post, adjacent, related };
}

interface PostPageRow extends PublicPostRow {
  previous_post: NeighbourJson | null;
  next_post: NeighbourJson | null;
  related_posts: StoredRelatedJson | null;
}
