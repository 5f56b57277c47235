import { randomInt } from "node:crypto";
import { createPost, type CreatePostOptions } from "./factories";
import { testDb } from "./db";

/** A made-up lower-case word (letters only, so PostgreSQL's parser keeps it whole) that no other post contains. */
export function inventedWord(prefix = "zq", length = 8): string {
  return prefix + Array.from({ length }, () => String.fromCharCode(97 + randomInt(26))).join("");
}

/**
 * A published post whose words also enter the typo-correction vocabulary, as publishing through the app
 * does (same statement as lib/search-terms.ts recordSearchTerms, which cannot be imported outside Next).
 */
export async function createSearchablePost(options: Omit<CreatePostOptions, "status">) {
  const post = await createPost({ ...options, status: "PUBLISHED" });
  await testDb().$executeRaw`
    INSERT INTO search_terms (word)
    SELECT DISTINCT t.lexeme
    FROM posts p, unnest(to_tsvector('simple', p.title || ' ' || p.excerpt || ' ' || p.plaintext)) AS t
    WHERE p.id = ${post.id} AND length(t.lexeme) BETWEEN 3 AND 40
    ORDER BY t.lexeme
    ON CONFLICT DO NOTHING`;
  return post;
}
