import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Retired post slugs: a URL readers once saw keeps working. A slug whose post moved answers 301 to the
 * post's current URL; one whose post was deleted answers 410. Only slugs that were public are kept:
 * a draft's slug follows its title on every save and was never seen by readers.
 */
export type RetiredSlug = { kind: "moved"; slug: string } | { kind: "gone" };

type Tx = Prisma.TransactionClient;

/**
 * Inside a post write: remembers `oldSlug` when a post that readers have seen moves to `newSlug`, and
 * frees `newSlug` from the history once the post is public under it.
 */
export async function recordSlugChange(
  tx: Tx,
  change: { postId: string; oldSlug: string | null; newSlug: string; wasPublic: boolean; isPublic: boolean },
): Promise<void> {
  // A live slug beats any history: a published post may reuse a deleted post's or another post's old slug.
  if (change.isPublic) await tx.postSlug.deleteMany({ where: { slug: change.newSlug } });
  if (change.oldSlug && change.oldSlug !== change.newSlug && change.wasPublic) {
    await tx.postSlug.upsert({
      where: { slug: change.oldSlug },
      create: { slug: change.oldSlug, postId: change.postId },
      update: { postId: change.postId },
    });
  }
}

/** Inside a post delete, before the row goes: its public slug becomes gone (older slugs follow by FK). */
export async function recordDeletedSlug(tx: Tx, post: { slug: string; wasPublic: boolean }): Promise<void> {
  if (!post.wasPublic) return;
  await tx.postSlug.upsert({ where: { slug: post.slug }, create: { slug: post.slug, postId: null }, update: { postId: null } });
}

/** Every retired slug with what it answers now; slugs of posts that are not published answer nothing. */
export async function listRetiredSlugs(): Promise<Map<string, RetiredSlug>> {
  const rows = await db.postSlug.findMany({ select: { slug: true, post: { select: { slug: true, status: true } } } });
  const retired = new Map<string, RetiredSlug>();
  for (const row of rows) {
    if (!row.post) retired.set(row.slug, { kind: "gone" });
    else if (row.post.status === "PUBLISHED") retired.set(row.slug, { kind: "moved", slug: row.post.slug });
  }
  return retired;
}

// Every request for a post URL asks (lib/retired-post-urls.ts), so the table is held in memory. Writes in
// this process drop it at once (forgetRetiredSlugs); the refresh interval bounds how long another
// instance's writes take.
const REFRESH_MS = 15_000;

interface RetiredSlugCache {
  table: Map<string, RetiredSlug> | null;
  loadedAt: number;
  loading: Promise<Map<string, RetiredSlug>> | null;
  /** Bumped by every forget, so a load that began before a write cannot store what it read. */
  generation: number;
}

// On globalThis: module copies in separately bundled parts of the server share one table.
const holder = globalThis as unknown as { quireRetiredSlugs?: RetiredSlugCache };
const cache = (holder.quireRetiredSlugs ??= { table: null, loadedAt: 0, loading: null, generation: 0 });

function reload(): Promise<Map<string, RetiredSlug>> {
  if (cache.loading) return cache.loading;
  const generation = cache.generation;
  const loading = listRetiredSlugs()
    .then((table) => {
      if (generation === cache.generation) {
        cache.table = table;
        cache.loadedAt = Date.now();
      }
      return table;
    })
    .finally(() => {
      if (cache.loading === loading) cache.loading = null;
    });
  cache.loading = loading;
  return loading;
}

/**
 * What a retired slug answers, or null for any other slug, from the table in memory; undefined when the
 * table must be loaded first. Synchronous, so the server's check on every post request costs no extra tick.
 */
export function peekRetiredSlug(slug: string): RetiredSlug | null | undefined {
  if (!cache.table) return undefined;
  if (Date.now() - cache.loadedAt > REFRESH_MS) reload().catch((error: unknown) => console.error("Reloading retired slugs failed", error));
  return cache.table.get(slug) ?? null;
}

/** What a retired slug answers, or null for any other slug. Served from memory; never throws on a stale table. */
export async function getRetiredSlug(slug: string): Promise<RetiredSlug | null> {
  const known = peekRetiredSlug(slug);
  if (known !== undefined) return known;
  return (await reload()).get(slug) ?? null;
}

/** After a write that can change retired slugs or their targets: the next lookup reads the database. */
export function forgetRetiredSlugs(): void {
  cache.generation += 1;
  cache.table = null;
  cache.loading = null;
}
