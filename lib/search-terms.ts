import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// Only words of this length are kept in search_terms, so only they can be checked and corrected.
export const MIN_TERM_LENGTH = 3;
export const MAX_TERM_LENGTH = 40;

/**
 * Adds the words of a published post to the vocabulary that typo correction draws from. Call inside the
 * transaction that publishes or edits the post, after writing it; a post that is not published adds
 * nothing, so drafts never leak words into "Showing results for …".
 */
export async function recordSearchTerms(tx: Prisma.TransactionClient, postId: string): Promise<void> {
  // Sorted so concurrent publishes insert overlapping words in the same order and cannot deadlock.
  await tx.$executeRaw`
    INSERT INTO search_terms (word)
    SELECT DISTINCT t.lexeme
    FROM posts p, unnest(to_tsvector('simple', p.title || ' ' || p.excerpt || ' ' || p.plaintext)) AS t
    WHERE p.id = ${postId} AND p.status = 'PUBLISHED' AND length(t.lexeme) BETWEEN ${MIN_TERM_LENGTH} AND ${MAX_TERM_LENGTH}
    ORDER BY t.lexeme
    ON CONFLICT DO NOTHING`;
}
