import "server-only";
import { db } from "@/lib/db";
import type { BodyRenderTools } from "@/lib/posts/body-html";
import { BODY_RENDERER, type StoredBody } from "@/lib/posts/stored-body";

/** Posts rendered per batch: each takes a few to a few tens of milliseconds of one core. */
export const BODY_BACKFILL_BATCH = 50;

export interface BodyBackfillResult {
  /** Posts given their current body HTML and table of contents, by id. */
  filled: string[];
  /** Posts whose document could not be rendered (left as they are; their page renders them as before), by id. */
  failed: string[];
  /** Where the next batch starts (the last post looked at, by id), or null when every post was looked at. */
  next: string | null;
}

interface MissingRow {
  id: string;
  content: unknown;
  version: number;
  updated_at: Date;
}

/**
 * Stores the reader's body HTML and table of contents (lib/posts/body-html.ts) for up to `limit`
 * published or scheduled posts after `after` (by id) that have none, or one from another BODY_RENDERER:
 * posts from before these were stored at write time, imported ones, and those a media change marked
 * for rendering again. Saves store them already, so this only catches up. Idempotent: a post is
 * written only if it is still as read (version and updated_at), and its updated_at is left alone, as
 * nothing readers see changes (the page renders the same HTML from the document until then). For the
 * job queue (lib/jobs), scripts and tests; throws only on database errors.
 */
export async function backfillStoredBodies({
  after = "",
  limit = BODY_BACKFILL_BATCH,
  tools,
}: { after?: string; limit?: number; tools?: BodyRenderTools } = {}): Promise<BodyBackfillResult> {
  const rows = await db.$queryRaw<MissingRow[]>`
    SELECT p.id, p.content, p.version, p.updated_at
    FROM posts p
    WHERE p.id > ${after} AND p.status IN ('PUBLISHED', 'SCHEDULED')
      AND (p.body_html IS NULL OR p.body_toc IS NULL OR p.body_html_renderer IS DISTINCT FROM ${BODY_RENDERER})
    ORDER BY p.id
    LIMIT ${limit}`;
  const result: BodyBackfillResult = { filled: [], failed: [], next: rows.length < limit ? null : (rows.at(-1)?.id ?? null) };
  if (rows.length === 0) return result;
  // The renderer is loaded only when there is something to render: every worker runs a first batch at
  // start, and on a site whose bodies are all stored that batch finds nothing.
  const { backgroundRenderTools, renderStoredBody } = await import("@/lib/posts/body-html");
  for (const row of rows) {
    let body: StoredBody;
    try {
      body = await renderStoredBody(row.content, tools ?? backgroundRenderTools);
    } catch (error) {
      console.error(`Body backfill: post ${row.id} could not be rendered; left as it is.`, error instanceof Error ? error.message : error);
      result.failed.push(row.id);
      continue;
    }
    // Raw SQL: Prisma's client would move updated_at, which pages and sitemaps show.
    const count = await db.$executeRaw`
      UPDATE posts
      SET body_html = ${body.html}, body_toc = ${JSON.stringify(body.toc)}::jsonb, body_html_renderer = ${BODY_RENDERER}
      WHERE id = ${row.id} AND version = ${row.version} AND updated_at = ${row.updated_at} AND status IN ('PUBLISHED', 'SCHEDULED')`;
    if (count > 0) result.filled.push(row.id);
  }
  return result;
}
