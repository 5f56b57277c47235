-- Search reads two stored vectors, both maintained by the triggers below (a generated column cannot read
-- tag names from another table):
--   search_vector: title (A), excerpt and tag names (B), body plain text (C). Matching, via a GIN index.
--   search_head:   the A and B part alone. Ranking reads it: ts_rank_cd on the full vector detoasts
--                  kilobytes per matching post, which on 10k posts costs more than the whole query may.
ALTER TABLE "posts" DROP COLUMN "search_vector";
ALTER TABLE "posts" ADD COLUMN "search_vector" tsvector;
-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "search_head" tsvector;

CREATE FUNCTION "post_search_head"(post_id text, title text, excerpt text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(excerpt, '') || ' ' || coalesce((
      SELECT string_agg(t."name", ' ' ORDER BY pt."position") FROM "post_tags" pt JOIN "tags" t ON t."id" = pt."tag_id" WHERE pt."post_id" = post_search_head.post_id
    ), '')), 'B')
$$;

CREATE FUNCTION "refresh_post_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_head" := "post_search_head"(NEW."id", NEW."title", NEW."excerpt");
  NEW."search_vector" := NEW."search_head" || setweight(to_tsvector('english'::regconfig, coalesce(NEW."plaintext", '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER "posts_refresh_search"
BEFORE INSERT OR UPDATE OF "title", "excerpt", "plaintext" ON "posts"
FOR EACH ROW EXECUTE FUNCTION "refresh_post_search"();

-- Tag links and names change the B part. Statement-level, so a post saved with four tags is re-indexed
-- once; the title is assigned to itself to fire the trigger above.
CREATE FUNCTION "refresh_tagged_post_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'tags' THEN
    UPDATE "posts" p SET "title" = p."title"
    WHERE p."id" IN (SELECT pt."post_id" FROM "post_tags" pt WHERE pt."tag_id" IN (SELECT n."id" FROM changed_new n JOIN changed_old o ON o."id" = n."id" WHERE o."name" IS DISTINCT FROM n."name"));
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE "posts" p SET "title" = p."title" WHERE p."id" IN (SELECT "post_id" FROM changed_new);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "posts" p SET "title" = p."title" WHERE p."id" IN (SELECT "post_id" FROM changed_old);
  ELSE
    UPDATE "posts" p SET "title" = p."title" WHERE p."id" IN (SELECT "post_id" FROM changed_new UNION SELECT "post_id" FROM changed_old);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "post_tags_insert_refresh_search" AFTER INSERT ON "post_tags"
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_tagged_post_search"();
CREATE TRIGGER "post_tags_delete_refresh_search" AFTER DELETE ON "post_tags"
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION "refresh_tagged_post_search"();
CREATE TRIGGER "post_tags_update_refresh_search" AFTER UPDATE ON "post_tags"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_tagged_post_search"();
CREATE TRIGGER "tags_update_refresh_search" AFTER UPDATE ON "tags"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_tagged_post_search"();

UPDATE "posts" SET "title" = "title";

-- Readers only ever search published posts; the partial index leaves drafts out of every lookup.
CREATE INDEX "posts_search_vector_idx" ON "posts" USING GIN ("search_vector") WHERE "status" = 'PUBLISHED';

-- Matching posts ranked, one page of them, with the number of matches. The planner prices a sequential
-- scan below the GIN index for a word in most posts, as it does not count detoasting every post's vector
-- for @@ (ten times the index's cost here); the index is always the cheaper way, so the scan is ruled out
-- for this query alone.
CREATE FUNCTION "search_published_posts"(query tsquery, max_rows integer, skip integer)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3), "total" integer)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  SELECT p."id", ts_rank_cd(p."search_head", query) AS rank, p."published_at", (count(*) OVER ())::integer
  FROM "posts" p
  WHERE p."status" = 'PUBLISHED' AND p."search_vector" @@ query
  ORDER BY rank DESC, p."published_at" DESC NULLS LAST, p."id"
  LIMIT max_rows OFFSET skip
$$;
