-- Trigram matching for typo-tolerant search (PostgreSQL contrib; PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "website" TEXT;

-- AlterTable
-- Generated, so it can never disagree with the row; weights rank title over excerpt over body.
ALTER TABLE "posts" ADD COLUMN     "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce("excerpt", '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce("plaintext", '')), 'C')
) STORED;

-- AlterTable
ALTER TABLE "tags" ADD COLUMN     "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "post_slug_history" (
    "slug" TEXT NOT NULL,
    "post_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_slug_history_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "search_terms" (
    "word" TEXT NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "post_slug_history_post_id_idx" ON "post_slug_history"("post_id");

-- AddForeignKey
ALTER TABLE "post_slug_history" ADD CONSTRAINT "post_slug_history_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Full-text search over published posts, and fuzzy matching of single words and titles.
CREATE INDEX "posts_search_vector_idx" ON "posts" USING GIN ("search_vector");
CREATE INDEX "posts_title_trgm_idx" ON "posts" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "search_terms_word_trgm_idx" ON "search_terms" USING GIN ("word" gin_trgm_ops);

-- The vocabulary of what is already published.
INSERT INTO "search_terms" ("word")
SELECT word FROM ts_stat($$
    SELECT to_tsvector('simple'::regconfig, "title" || ' ' || "plaintext") FROM "posts" WHERE "status" = 'PUBLISHED'
$$)
WHERE length(word) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;
