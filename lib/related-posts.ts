import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { readingMinutes } from "@/lib/editor/doc";
import { Prisma } from "@/lib/generated/prisma/client";

/** Another published post, as a link from the post page. */
export interface PostLink {
  title: string;
  slug: string;
  publishedAt: Date;
}

/** The published posts just before (older) and after (newer) a post. */
export interface AdjacentPosts {
  previous: PostLink | null;
  next: PostLink | null;
}

/** A related post, with enough to show it as a small card. */
export interface RelatedPost extends PostLink {
  excerpt: string;
  readingMinutes: number;
}

export const RELATED_POSTS_LIMIT = 3;

function toLink(row: { title: string; slug: string; published_at: Date } | null): PostLink | null {
  return row ? { title: row.title, slug: row.slug, publishedAt: row.published_at } : null;
}

/**
 * The chronological neighbours of a published post among published posts (ties on the publish time are
 * broken by id, as everywhere posts are listed). Both are null when the post is not published. Readers only.
 */
export async function getAdjacentPosts(post: PostKey): Promise<AdjacentPosts> {
  // Only the key goes into the cached call: its arguments are its cache key, and a caller may pass a whole post.
  return adjacentPosts(post.id, post.slug);
}

interface AdjacentRow {
  side: "previous" | "next";
  title: string;
  slug: string;
  published_at: Date;
}

async function adjacentPosts(id: string, slug: string): Promise<AdjacentPosts> {
  "use cache";
  // Narrow tags, so that publishing elsewhere leaves this post's page cached: its own writes, and its
  // neighbours' (a retitle shows here; their removal changes the links). A post appearing or
  // disappearing next to this one invalidates it too: savePost names the neighbours it lands between.
  cacheTag(cacheTags.post(slug));
  cacheLife("content");
  // Both neighbours in one statement, each one step of the (status, published_at) index from the post;
  // the plain bound is what lets each scan start at the post instead of an end of the list.
  const rows = await db.$queryRaw<AdjacentRow[]>`
    WITH current_post AS (
      SELECT p.id, p.published_at FROM posts p WHERE p.id = ${id} AND p.status = 'PUBLISHED' AND p.published_at IS NOT NULL
    )
    SELECT 'previous' AS side, o.title, o.slug, o.published_at
    FROM current_post c
    CROSS JOIN LATERAL (
      SELECT p.title, p.slug, p.published_at FROM posts p
      WHERE p.status = 'PUBLISHED' AND p.published_at <= c.published_at AND (p.published_at < c.published_at OR p.id < c.id)
      ORDER BY p.published_at DESC, p.id DESC
      LIMIT 1
    ) o
    UNION ALL
    SELECT 'next' AS side, o.title, o.slug, o.published_at
    FROM current_post c
    CROSS JOIN LATERAL (
      SELECT p.title, p.slug, p.published_at FROM posts p
      WHERE p.status = 'PUBLISHED' AND p.published_at >= c.published_at AND (p.published_at > c.published_at OR p.id > c.id)
      ORDER BY p.published_at ASC, p.id ASC
      LIMIT 1
    ) o`;
  const previous = rows.find((row) => row.side === "previous") ?? null;
  const next = rows.find((row) => row.side === "next") ?? null;
  const shown = [previous, next].flatMap((row) => (row ? [cacheTags.post(row.slug)] : []));
  if (shown.length > 0) cacheTag(...shown);
  return { previous: toLink(previous), next: toLink(next) };
}

/** Which post a reader read is about: its id for queries, its slug and tag slugs for cache tags. */
export interface PostKey {
  id: string;
  slug: string;
}

interface RelatedRow {
  title: string;
  slug: string;
  excerpt: string;
  published_at: Date;
  word_count: number;
}

/**
 * Up to `limit` other published posts related to a published one, best first: each shared tag counts
 * 1, and title similarity (pg_trgm, 0 to 1, only above its threshold) breaks ties and finds posts that
 * share no tag. Newer posts win equal scores. [] when the post is not published. Readers only.
 */
export async function listRelatedPosts(post: PostKey & { tagSlugs: string[] }, limit = RELATED_POSTS_LIMIT): Promise<RelatedPost[]> {
  // Only what the cached call needs goes into it: its arguments are its cache key, and a caller may pass a whole post.
  return relatedPosts(post.id, post.slug, post.tagSlugs, limit);
}

async function relatedPosts(postId: string, slug: string, tagSlugs: string[], limit: number): Promise<RelatedPost[]> {
  "use cache";
  // A new post sharing one of these tags can enter the list, and a listed post's own writes change
  // it; publishing elsewhere leaves it cached. A post related by title alone can take until the
  // cache's daily refresh to appear here.
  cacheTag(cacheTags.post(slug), ...tagSlugs.map((tagSlug) => cacheTags.tag(tagSlug)));
  cacheLife("content");
  // Scores are shared tags plus title similarity (below 1), so a post sharing fewer tags can never
  // outrank one sharing more: only posts at or above the shared count of the `limit`-th best need their
  // title compared (cut), and title-only matches (trigram GIN index on title) are searched only when
  // fewer than `limit` posts share a tag. Published posts are looked up by primary key for those few
  // candidates alone (cut_any: the same cut counted over drafts too, which is exact whenever `limit`
  // published posts reach it; otherwise every sharing post is looked up). Matching title words against
  // whole bodies was tried and dropped: common words put nearly every post in play.
  const rows = await db.$queryRaw<RelatedRow[]>(Prisma.sql`
    WITH this_post AS (
      SELECT p.id, p.title FROM posts p WHERE p.id = ${postId} AND p.status = 'PUBLISHED'
    ),
    shared AS MATERIALIZED (
      SELECT other.post_id AS id, count(*) AS shared_tags
      FROM this_post
      JOIN post_tags mine ON mine.post_id = this_post.id
      JOIN post_tags other ON other.tag_id = mine.tag_id AND other.post_id <> this_post.id
      GROUP BY other.post_id
    ),
    cut_any AS (
      SELECT shared_tags FROM shared ORDER BY shared_tags DESC LIMIT 1 OFFSET ${limit - 1}
    ),
    top AS MATERIALIZED (
      SELECT s.id, s.shared_tags, p.title, p.published_at
      FROM shared s
      -- LATERAL with LIMIT keeps this a primary-key lookup per candidate rather than a scan of posts.
      CROSS JOIN LATERAL (SELECT p.title, p.published_at FROM posts p WHERE p.id = s.id AND p.status = 'PUBLISHED' LIMIT 1) p
      WHERE s.shared_tags >= coalesce((SELECT shared_tags FROM cut_any), 0)
    ),
    candidates AS (
      SELECT * FROM top WHERE (SELECT count(*) FROM top) >= ${limit}
      UNION ALL
      SELECT s.id, s.shared_tags, p.title, p.published_at
      FROM shared s
      CROSS JOIN LATERAL (SELECT p.title, p.published_at FROM posts p WHERE p.id = s.id AND p.status = 'PUBLISHED' LIMIT 1) p
      WHERE (SELECT count(*) FROM top) < ${limit}
    ),
    cut AS (
      SELECT shared_tags FROM candidates ORDER BY shared_tags DESC LIMIT 1 OFFSET ${limit - 1}
    ),
    by_tags AS (
      SELECT c.id, c.shared_tags + CASE WHEN c.title % t.title THEN similarity(c.title, t.title) ELSE 0 END AS score, c.published_at
      FROM candidates c, this_post t
      WHERE c.shared_tags >= coalesce((SELECT shared_tags FROM cut), 0)
      ORDER BY score DESC, c.published_at DESC, c.id DESC
      LIMIT ${limit}
    ),
    by_title AS (
      SELECT p.id, similarity(p.title, t.title) AS score, p.published_at
      FROM this_post t
      JOIN posts p ON p.title % t.title AND p.id <> t.id AND p.status = 'PUBLISHED'
      WHERE (SELECT count(*) FROM by_tags) < ${limit} AND NOT EXISTS (SELECT 1 FROM shared WHERE shared.id = p.id)
      ORDER BY score DESC, p.published_at DESC, p.id DESC
      LIMIT ${limit}
    ),
    ranked AS (
      SELECT * FROM by_tags
      UNION ALL
      SELECT * FROM by_title
      ORDER BY score DESC, published_at DESC, id DESC
      LIMIT ${limit}
    )
    SELECT p.title, p.slug, p.excerpt, p.published_at, p.word_count
    FROM ranked
    JOIN posts p ON p.id = ranked.id
    ORDER BY ranked.score DESC, ranked.published_at DESC, ranked.id DESC
  `);
  if (rows.length > 0) cacheTag(...rows.map((row) => cacheTags.post(row.slug)));
  return rows.map((row) => ({
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    readingMinutes: readingMinutes(row.word_count),
  }));
}
