import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { readingMinutes } from "@/lib/editor/doc-text";
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

async function adjacentPosts(id: string, slug: string): Promise<AdjacentPosts> {
  "use cache";
  cacheLife("content");
  // The statement the post page's read uses for them (NEIGHBOUR_COLUMNS), from the post by id.
  const [row] = await db.$queryRaw<{ previous_post: NeighbourJson | null; next_post: NeighbourJson | null }[]>`
    SELECT p.id${NEIGHBOUR_COLUMNS} FROM posts p WHERE p.id = ${id} AND p.status = 'PUBLISHED' AND p.published_at IS NOT NULL`;
  return adjacentPostsFrom(slug, row?.previous_post ?? null, row?.next_post ?? null);
}

/** A neighbour as NEIGHBOUR_COLUMNS return it (JSON: the publish time as epoch milliseconds). */
export interface NeighbourJson {
  title: string;
  slug: string;
  published_at: number;
}

/**
 * Columns `previous_post` and `next_post` (NeighbourJson or null) for a statement that reads a post as
 * `p` (lib/posts/post-page.ts): each one step of the (status, published_at) index from the post; the
 * plain bound is what lets each scan start at the post instead of an end of the list.
 */
export const NEIGHBOUR_COLUMNS = Prisma.sql`,
  (SELECT json_build_object('title', o.title, 'slug', o.slug, 'published_at', (extract(epoch FROM o.published_at) * 1000)::float8)
   FROM (SELECT q.title, q.slug, q.published_at FROM posts q
         WHERE q.status = 'PUBLISHED' AND q.published_at <= p.published_at AND (q.published_at < p.published_at OR q.id < p.id)
         ORDER BY q.published_at DESC, q.id DESC
         LIMIT 1) o) AS previous_post,
  (SELECT json_build_object('title', o.title, 'slug', o.slug, 'published_at', (extract(epoch FROM o.published_at) * 1000)::float8)
   FROM (SELECT q.title, q.slug, q.published_at FROM posts q
         WHERE q.status = 'PUBLISHED' AND q.published_at >= p.published_at AND (q.published_at > p.published_at OR q.id > p.id)
         ORDER BY q.published_at ASC, q.id ASC
         LIMIT 1) o) AS next_post`;

/**
 * The neighbours a statement read (NEIGHBOUR_COLUMNS) as links, tagged with the post `slug` and the
 * neighbours shown: narrow tags, so that publishing elsewhere leaves the page cached (savePost names the
 * neighbours a post lands between). Call it only inside a "use cache" read.
 */
export function adjacentPostsFrom(slug: string, previous: NeighbourJson | null, next: NeighbourJson | null): AdjacentPosts {
  cacheTag(cacheTags.post(slug));
  const shown = [previous, next].flatMap((row) => (row ? [cacheTags.post(row.slug)] : []));
  if (shown.length > 0) cacheTag(...shown);
  const link = (row: NeighbourJson | null) => toLink(row && { title: row.title, slug: row.slug, published_at: new Date(row.published_at) });
  return { previous: link(previous), next: link(next) };
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
  // A new post sharing one of these tags can enter the list, and a listed post's own writes change
  // it; publishing elsewhere leaves it cached. A post related by title alone can take until the
  // cache's daily refresh to appear here.
  cacheTag(cacheTags.post(slug), ...tagSlugs.map((tagSlug) => cacheTags.tag(tagSlug)));
  cacheLife("content");
  const rows = limit === RELATED_POSTS_LIMIT ? ((await storedRelatedPosts(postId)) ?? (await rankAndStore(postId))) : await rankRelatedPosts(postId, limit);
  return relatedFromRows(rows);
}

/**
 * listRelatedPosts (the page's length) for a post whose stored list a statement already read
 * (STORED_RELATED_COLUMN; null: none stored, so it is ranked and stored now), with the same cache tags:
 * call it only inside a "use cache" read.
 */
export async function relatedPostsFrom(postId: string, slug: string, tagSlugs: string[], stored: StoredRelatedJson | null): Promise<RelatedPost[]> {
  cacheTag(cacheTags.post(slug), ...tagSlugs.map((tagSlug) => cacheTags.tag(tagSlug)));
  return relatedFromRows(stored ? fromStoredJson(stored) : await rankAndStore(postId));
}

function relatedFromRows(rows: RelatedRow[]): RelatedPost[] {
  if (rows.length > 0) cacheTag(...rows.map((row) => cacheTags.post(row.slug)));
  return rows.map((row) => ({
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    readingMinutes: readingMinutes(row.word_count),
  }));
}

/** A stored list (post_related `r`) as JSON: StoredRelatedRow["posts"]. */
const STORED_LIST_JSON = Prisma.sql`
  coalesce((
    SELECT json_agg(json_build_object('title', rp.title, 'slug', rp.slug, 'excerpt', rp.excerpt,
             'published_at', (extract(epoch FROM rp.published_at) * 1000)::float8, 'word_count', rp.word_count) ORDER BY u.n)
    FROM unnest(r.related_ids) WITH ORDINALITY AS u(id, n)
    JOIN posts rp ON rp.id = u.id AND rp.status = 'PUBLISHED'
  ), '[]'::json)`;

/**
 * Column `related_posts` for a statement that reads a post as `p` (lib/posts/post-page.ts): its stored
 * list (StoredRelatedRow["posts"]), or null when none is stored.
 */
export const STORED_RELATED_COLUMN = Prisma.sql`,
  (SELECT ${STORED_LIST_JSON} FROM post_related r WHERE r.post_id = p.id) AS related_posts`;

/** A stored list as STORED_RELATED_COLUMN returns it. */
export type StoredRelatedJson = StoredRelatedRow["posts"];

/** The post's stored list (post_related), or null when none is stored: it was never ranked, or a write since may have changed it. */
async function storedRelatedPosts(postId: string): Promise<RelatedRow[] | null> {
  const [stored] = await db.$queryRaw<StoredRelatedRow[]>`SELECT ${STORED_LIST_JSON} AS posts FROM post_related r WHERE r.post_id = ${postId}`;
  return stored ? fromStoredJson(stored.posts) : null;
}

function fromStoredJson(posts: StoredRelatedJson): RelatedRow[] {
  return posts.map((row) => ({ ...row, published_at: new Date(row.published_at) }));
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
