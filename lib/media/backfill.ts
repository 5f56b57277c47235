import "server-only";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { framesOf, makeVariants } from "@/lib/media/image";
import { variantsOf } from "@/lib/media/media";
import { missingVariants, type MediaVariant } from "@/lib/media/variants";
import { mediaStorage } from "@/lib/storage";

/** Files given their missing copies per batch: each takes a few seconds of both cores. */
export const BACKFILL_BATCH = 10;

/** Rows read per query while looking for ones that lack copies (most rows lack none). */
const SCAN_PAGE = 200;

export interface BackfillResult {
  /** Originals read and given the copies they lacked. */
  filled: string[];
  /** Originals that could not be read (missing from storage, damaged), left as they were; by key. */
  failed: string[];
  /** Where the next batch starts (the last row looked at, by id), or null when every row was looked at. */
  next: string | null;
  /** Cache tags of the reader pages showing the files that were given copies. */
  publicTags: string[];
}

const rowSelect = { id: true, key: true, width: true, variants: true } satisfies Prisma.MediaSelect;
type Row = Prisma.MediaGetPayload<{ select: typeof rowSelect }>;

/**
 * Makes the copies that uploads from before a format was added lack (AVIF ones, for files uploaded
 * when only WebP copies were made), for up to `limit` files after the row `after` (by id), and records
 * them on their rows. Idempotent: a row that has every planned copy is skipped without reading a file,
 * and running it twice, or over a row another run just filled, changes nothing. Pages showing a filled
 * file must be expired with `publicTags`; their stored bodies are marked for rendering again here.
 * For the job queue (lib/jobs) and tests; throws only on database errors (a file that cannot be read
 * is reported in `failed`).
 */
export async function backfillMediaVariants({ after = "", limit = BACKFILL_BATCH }: { after?: string; limit?: number } = {}): Promise<BackfillResult> {
  const result: BackfillResult = { filled: [], failed: [], next: after, publicTags: [] };
  let read = 0;
  while (read < limit) {
    const rows = await db.media.findMany({ where: { id: { gt: result.next ?? "" } }, orderBy: { id: "asc" }, take: SCAN_PAGE, select: rowSelect });
    for (const row of rows) {
      result.next = row.id;
      // Without reading the file an animation looks like a still: the file decides (an animation gets no AVIF).
      if (missingVariants(row.width, variantsOf(row.variants)).length === 0) continue;
      read += 1;
      const outcome = await fillRow(row);
      if (outcome === "failed") result.failed.push(row.key);
      if (outcome === "filled") {
        result.filled.push(row.key);
        result.publicTags.push(cacheTags.media(row.key));
      }
      if (read >= limit) return result;
    }
    if (rows.length < SCAN_PAGE) return { ...result, next: null };
  }
  return result;
}

async function fillRow(row: Row): Promise<"filled" | "complete" | "failed" | "changed"> {
  const storage = mediaStorage();
  const existing = variantsOf(row.variants);
  let made: Awaited<ReturnType<typeof makeVariants>>;
  try {
    const original = await storage.get(row.key);
    if (!original) throw new Error("the original is missing from storage");
    const pages = await framesOf(original);
    const plan = missingVariants(row.width, existing, { animated: pages > 1 });
    if (plan.length === 0) return "complete";
    made = await makeVariants(row.key, original, plan, { pages });
  } catch (error) {
    console.error(`Media backfill: could not make the missing copies of ${row.key}; left as it is.`, error);
    return "failed";
  }
  // Files first, then the row, so the row never lists a file that is not there.
  for (const variant of made) await storage.put(variant.key, variant.data, variant.mimeType);
  const variants: MediaVariant[] = [...existing, ...made.map(({ key, width, height, data }) => ({ key, width, height, bytes: data.byteLength }))];
  const recorded = await db.$transaction(async (tx) => {
    // Only over the list read above: a row changed or deleted meanwhile is left to that change.
    const { count } = await tx.media.updateMany({ where: { id: row.id, variants: { equals: row.variants as Prisma.InputJsonValue } }, data: { variants: variants as unknown as Prisma.InputJsonValue } });
    // Bodies stored with the old sources (lib/posts/body-html.ts) are rendered again until next saved.
    if (count > 0) await tx.post.updateMany({ where: { media: { some: { mediaId: row.id } } }, data: { bodyHtmlRenderer: null } });
    return count > 0;
  });
  if (recorded) return "filled";
  // Keys are content-hashed, so another run may have recorded these very files: remove them only when no row lists them.
  const now = await db.media.findUnique({ where: { id: row.id }, select: { variants: true } });
  const listed = new Set(now ? variantsOf(now.variants).map((variant) => variant.key) : []);
  await Promise.all(made.filter((variant) => !listed.has(variant.key)).map((variant) => storage.delete(variant.key)));
  return "changed";
}
