import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { readingMinutes } from "@/lib/editor/doc";

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
  return readAdjacentPosts(id, slug);
}

/**
 * getAdjacentPosts without a cache entry of its own, for a "use cache" read that shows them with the
 * post (lib/posts/post-page.ts): call it only inside one, which gets its cache tags.
 */
export async function readAdjacentPosts(id: string, slug: string): Promise<AdjacentPosts> {
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

/** A stored list's posts, as the statement below returns them (JSON: publish times as epoch milliseconds). */
interface StoredRelatedRow {
  posts: { title: string; slug: string; excerpt: string; published_at: number; word_count: number }[];
}

/**
 * The advisory lock stored lists are written under (exclusively), which the triggers of the post_related
 * migration take shared before deleting lists a write makes stale.
 */
const RELATED_LOCK = 4236710013;

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
  return readRelatedPosts(postId, slug, tagSlugs, limit);
}

/**
 * listRelatedPosts without a cache entry of its own, for a "use cache" read that shows them with the
 * post (lib/posts/post-page.ts): call it only inside one, which gets its cache tags.
 */
export async function readRelatedPosts(postId: string, slug: string, tagSlugs: string[], limit = RELATED_POSTS_LIMIT): Promise<RelatedPost[]> {
  // A new post sharing one of these tags can enter the list, and a listed post's own writes change
  // it; publishing elsewhere leaves it cached. A post related by title alone can take until the
  // cache's daily refresh to appear here.
  cacheTag(cacheTags.post(slug), ...tagSlugs.map((tagSlug) => cacheTags.tag(tagSlug)));
  cacheLife("content");
  const rows = limit === RELATED_POSTS_LIMIT ? ((await storedRelatedPosts(postId)) ?? (await rankAndStore(postId))) : await rankRelatedPosts(postId, limit);
  if (rows.length > 0) cacheTag(...rows.map((row) => cacheTags.post(row.slug)));
  return rows.map((row) => ({
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    readingMinutes: readingMinutes(row.word_count),
  }));
}

/** The post's stored list (post_related), or null when none is stored: it was never ranked, or a write since may have changed it. */
async function storedRelatedPosts(postId: string): Promise<RelatedRow[] | null> {
  const [stored] = await db.$queryRaw<StoredRelatedRow[]>`
    SELECT coalesce((
      SELECT json_agg(json_build_object('title', p.title, 'slug', p.slug, 'excerpt', p.excerpt,
               'published_at', (extract(epoch FROM p.published_at) * 1000)::float8, 'word_count', p.word_count) ORDER BY u.n)
      FROM unnest(r.related_ids) WITH ORDINALITY AS u(id, n)
      JOIN posts p ON p.id = u.id AND p.status = 'PUBLISHED'
    ), '[]'::json) AS posts
    FROM post_related r
    WHERE r.post_id = ${postId}`;
  return stored ? stored.posts.map((row) => ({ ...row, published_at: new Date(row.published_at) })) : null;
}

/**
 * Ranks a published post's related posts and stores the list for its next render, under the lock the
 * triggers that forget lists take (see RELATED_LOCK): a write that lands meanwhile either committed
 * before the ranking read the rows, or deletes this list after it is stored.
 */
async function rankAndStore(postId: string): Promise<RelatedRow[]> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RELATED_LOCK}::bigint)`;
    // A statement of its own after the lock, so that it reads what writers committed before it was granted.
    await tx.$executeRaw`
      INSERT INTO post_related (post_id, related_ids)
      SELECT p.id, ARRAY(SELECT r.id FROM related_post_ranking(p.id, ${RELATED_POSTS_LIMIT}::int) r ORDER BY r.rank)
      FROM posts p
      WHERE p.id = ${postId} AND p.status = 'PUBLISHED'
      ON CONFLICT (post_id) DO UPDATE SET related_ids = EXCLUDED.related_ids`;
  });
  return (await storedRelatedPosts(postId)) ?? [];
}

/** Ranks now, storing nothing (a length other than the page's). */
async function rankRelatedPosts(postId: string, limit: number): Promise<RelatedRow[]> {
  return db.$queryRaw<RelatedRow[]>`
    SELECT p.title, p.slug, p.excerpt, p.published_at, p.word_count
    FROM related_post_ranking(${postId}, ${limit}::int) r
    JOIN posts p ON p.id = r.id
    ORDER BY r.rank`;
}

/**
 * Lists stored per batch of the backfill. Each is ranked in a few to 70 milliseconds under the lock, and
 * writes to posts wait for the batch, so a batch stays well under a second.
 */
export const RELATED_BACKFILL_BATCH = 8;

/**
 * Ranks and stores the related posts of up to `limit` published posts that have no stored list (posts
 * from before lists were stored, or whose list a write forgot and whose page has not rendered since), so
 * their pages read one row. Idempotent; returns how many lists it stored (fewer than `limit`: none are
 * left). For the job queue, scripts and benchmarks; throws only on database errors.
 */
export async function backfillRelatedPosts(limit = RELATED_BACKFILL_BATCH): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RELATED_LOCK}::bigint)`;
    return tx.$executeRaw`
      INSERT INTO post_related (post_id, related_ids)
      SELECT p.id, ARRAY(SELECT r.id FROM related_post_ranking(p.id, ${RELATED_POSTS_LIMIT}::int) r ORDER BY r.rank)
      FROM posts p
      WHERE p.status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM post_related s WHERE s.post_id = p.id)
      ORDER BY p.id
      LIMIT ${limit}
      ON CONFLICT (post_id) DO NOTHING`;
  }, { timeout: 60_000 });
}
