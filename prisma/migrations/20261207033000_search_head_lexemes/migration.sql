-- The ranked title, excerpt and tag matches of a one-word query, read from an index instead of ranked per
-- query. For a word in more posts than the pages can show, search_published_posts ranked every post whose
-- search_head matches (ts_rank_cd on each, then a sort for one page): for a word in the excerpts of
-- thousands of posts that was most of the query (5-13 ms for words such as "model" or "retrieval" on the
-- 10,000-post bench data). A post whose search_head holds one lexeme that a one-word query matches ranks
-- as that lexeme alone ranks it, so the rank is stored per post and lexeme when the post is written, and a
-- query whose word (or prefix) matches exactly one lexeme of the index reads its page of head matches in
-- order from this table's index: 10 rows instead of every match. Queries whose prefix matches several
-- lexemes (a post may then hold more than one of them, and rank by all together) keep ranking every head
-- match. Results, order and totals are unchanged.

-- CreateTable
CREATE TABLE "search_head_lexemes" (
    -- "C" collation, as in search_lexeme_posts: the lexeme search_published_posts finds there is looked up here.
    "lexeme" TEXT COLLATE "C" NOT NULL,
    "post_id" TEXT NOT NULL,
    -- ts_rank_cd(search_head, the lexeme as a query): what the query's ranking gives this post.
    "score" REAL NOT NULL,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "search_head_lexemes_pkey" PRIMARY KEY ("post_id", "lexeme")
);

-- The order search ranks head matches in (search_fewer_scans: rank, then newest, then id).
CREATE INDEX "search_head_lexemes_rank_idx" ON "search_head_lexemes" ("lexeme", "score" DESC, "published_at" DESC NULLS LAST, "post_id");

-- A post's rows, from its search_head (null for a post that is not published: it has none).
CREATE FUNCTION "post_head_lexemes"(p_id text, p_head tsvector, p_published_at timestamp(3))
RETURNS TABLE ("lexeme" text, "post_id" text, "score" real, "published_at" timestamp(3))
LANGUAGE sql IMMUTABLE AS $$
  SELECT u.lexeme, p_id,
    -- The lexeme quoted as tsquery text (a quote and a backslash doubled), as search_published_posts reads it back.
    ts_rank_cd(p_head, (chr(39) || replace(replace(u.lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39))::tsquery),
    p_published_at
  FROM unnest(tsvector_to_array(p_head)) AS u(lexeme)
$$;

-- Kept by the statements that write posts, from their transition tables (as search_lexeme_posts is): the
-- rows of a post whose search_head or date changed are replaced, in key order so concurrent writers
-- cannot deadlock.
CREATE FUNCTION "refresh_search_head_lexemes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "search_head_lexemes" ("lexeme", "post_id", "score", "published_at")
    SELECT l.* FROM changed_new n CROSS JOIN LATERAL "post_head_lexemes"(n."id", n."search_head", n."published_at") l
    ORDER BY l."post_id", l."lexeme";
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "search_head_lexemes" h USING changed_old o WHERE h."post_id" = o."id";
  ELSE
    -- Any update of posts fires this (a trigger with transition tables cannot name columns): only posts
    -- whose head or date changed are rewritten.
    DELETE FROM "search_head_lexemes" h
    USING changed_old o JOIN changed_new n ON n."id" = o."id"
    WHERE h."post_id" = o."id" AND (n."search_head" IS DISTINCT FROM o."search_head" OR n."published_at" IS DISTINCT FROM o."published_at");
    INSERT INTO "search_head_lexemes" ("lexeme", "post_id", "score", "published_at")
    SELECT l.*
    FROM changed_new n JOIN changed_old o ON o."id" = n."id"
    CROSS JOIN LATERAL "post_head_lexemes"(n."id", n."search_head", n."published_at") l
    WHERE n."search_head" IS DISTINCT FROM o."search_head" OR n."published_at" IS DISTINCT FROM o."published_at"
    ORDER BY l."post_id", l."lexeme";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_insert_search_head_lexemes" AFTER INSERT ON "posts"
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_head_lexemes"();
CREATE TRIGGER "posts_delete_search_head_lexemes" AFTER DELETE ON "posts"
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_head_lexemes"();
CREATE TRIGGER "posts_update_search_head_lexemes" AFTER UPDATE ON "posts"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_head_lexemes"();

CREATE FUNCTION "clear_search_head_lexemes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "search_head_lexemes";
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_truncate_clear_search_head_lexemes" AFTER TRUNCATE ON "posts"
FOR EACH STATEMENT EXECUTE FUNCTION "clear_search_head_lexemes"();

INSERT INTO "search_head_lexemes" ("lexeme", "post_id", "score", "published_at")
SELECT l.* FROM "posts" p CROSS JOIN LATERAL "post_head_lexemes"(p."id", p."search_head", p."published_at") l
WHERE p."search_head" IS NOT NULL
ORDER BY l."post_id", l."lexeme";

-- As the search_lexeme_posts migration wrote it, but a one-word query whose word (or prefix) is exactly one
-- lexeme of the index with posts takes its head matches' page from search_head_lexemes, and its number of
-- matches from search_lexeme_posts.
CREATE OR REPLACE FUNCTION "search_published_posts"(query tsquery, max_rows integer, skip integer, count_cap integer)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3), "total" integer)
LANGUAGE plpgsql STABLE
-- The GIN indexes are always the cheaper way to the matches (the search_index migration). Bitmap scans are
-- turned off for the date walk alone, below: a local setting of a variable the function SETs ends with the call.
SET enable_seqscan = off
SET enable_bitmapscan = on
AS $$
DECLARE
  matches integer;
  heads integer;
  returned integer;
  term text[];
  word text;
  most integer;
  bound integer;
  held integer;
  sole text;
BEGIN
  -- One operand, as tsquery prints it: 'lexeme', or 'lexeme':* for a prefix. With weights (:A) it would
  -- match fewer posts than hold the lexeme, so no bound is taken.
  IF numnode(query) = 1 THEN
    term := regexp_match(query::text, '^''(.*)''(:\*)?$');
  END IF;
  IF term IS NOT NULL THEN
    word := replace(replace(term[1], '''''', ''''), '\\', '\');
    IF term[2] IS NULL THEN
      SELECT l."posts", l."posts" INTO most, bound FROM "search_lexeme_posts" l WHERE l."lexeme" = word;
      bound := coalesce(bound, 0);
      IF most > 0 THEN
        sole := word;
      END IF;
    ELSE
      -- Every lexeme that starts with it lies in this range of the primary key ("C" collation).
      SELECT max(l."posts"), coalesce(sum(l."posts"), 0), count(*) FILTER (WHERE l."posts" > 0), min(l."lexeme") FILTER (WHERE l."posts" > 0)
      INTO most, bound, held, sole
      FROM "search_lexeme_posts" l
      WHERE l."lexeme" >= word AND l."lexeme" < word || chr(1114111) AND starts_with(l."lexeme", word);
      IF held <> 1 THEN
        sole := NULL;
      END IF;
    END IF;
  END IF;
  IF sole IS NOT NULL THEN
    -- The query matches one lexeme of the index: its matches are the posts holding it (counted in
    -- search_lexeme_posts), and a post's head matches through that lexeme alone, ranking by its stored
    -- score. Ranking every match puts the head matches first (a score above 0), best first, then the rest
    -- (0) newest first: the head matches' page comes in order from the index, the rest as before.
    matches := CASE WHEN bound > count_cap THEN count_cap + 1 ELSE bound END;
    RETURN QUERY
      SELECT h."post_id", h."score", h."published_at", matches
      FROM "search_head_lexemes" h
      WHERE h."lexeme" = sole
      ORDER BY h."score" DESC, h."published_at" DESC NULLS LAST, h."post_id"
      LIMIT max_rows OFFSET skip;
    GET DIAGNOSTICS returned = ROW_COUNT;
    IF returned = max_rows THEN
      RETURN;
    END IF;
    IF returned > 0 OR skip = 0 THEN
      heads := skip + returned;
    ELSE
      SELECT count(*)::integer INTO heads FROM "search_head_lexemes" h WHERE h."lexeme" = sole;
    END IF;
    IF matches > count_cap AND skip < 100 THEN
      -- search_body_matches_by_date, as below.
      PERFORM set_config('enable_bitmapscan', 'off', true);
      RETURN QUERY
        SELECT p."id", 0::real, p."published_at", matches
        FROM "posts" p
        WHERE p."status" = 'PUBLISHED' AND p."search_vector" @@ query AND NOT coalesce(p."search_head" @@ query, false)
        ORDER BY p."published_at" DESC, p."id"
        LIMIT max_rows - returned OFFSET greatest(0, skip - heads);
    ELSE
      -- Few matches, or a page far down: all of them through the GIN index, the head matches left out.
      RETURN QUERY
        SELECT p."id", 0::real, p."published_at", matches
        FROM "posts" p
        WHERE p."search_vector" @@ query AND NOT coalesce(p."search_head" @@ query, false)
        ORDER BY p."published_at" DESC NULLS LAST, p."id"
        LIMIT max_rows - returned OFFSET greatest(0, skip - heads);
    END IF;
    RETURN;
  END IF;
  IF most > count_cap THEN
    matches := count_cap + 1;
  ELSIF bound IS NULL OR bound > count_cap THEN
    -- search_match_count
    SELECT count(*)::integer INTO matches FROM (SELECT 1 FROM "posts" p WHERE p."search_vector" @@ query LIMIT count_cap + 1) c;
  END IF;
  -- At most count_cap matches (matches is null when the bounds said so), or past the first pages where the
  -- date walk would test more posts than ranking them all reads: every match ranked, and counted as it is.
  IF matches IS NULL OR matches <= count_cap OR skip >= 100 THEN
    -- search_ranked_matches: ranked in the scan (OFFSET 0 keeps the subquery apart), so the sort keeps narrow rows.
    RETURN QUERY
      SELECT m.post_id, m.score, m.post_date, coalesce(matches, (count(*) OVER ())::integer)
      FROM (
        SELECT p."id" AS post_id, ts_rank_cd(p."search_head", query) AS score, p."published_at" AS post_date
        FROM "posts" p
        WHERE p."search_vector" @@ query
        OFFSET 0
      ) m
      ORDER BY m.score DESC, m.post_date DESC NULLS LAST, m.post_id
      LIMIT max_rows OFFSET skip;
    RETURN;
  END IF;
  -- search_head_matches, one page of them.
  RETURN QUERY
    SELECT h.post_id, h.score, h.post_date, matches
    FROM (
      SELECT p."id" AS post_id, ts_rank_cd(p."search_head", query) AS score, p."published_at" AS post_date
      FROM "posts" p
      WHERE p."search_head" @@ query
    ) h
    ORDER BY h.score DESC, h.post_date DESC NULLS LAST, h.post_id
    LIMIT max_rows OFFSET skip;
  GET DIAGNOSTICS returned = ROW_COUNT;
  IF returned = max_rows THEN
    RETURN;
  END IF;
  IF returned > 0 OR skip = 0 THEN
    heads := skip + returned;
  ELSE
    SELECT count(*)::integer INTO heads FROM "posts" p WHERE p."search_head" @@ query;
  END IF;
  -- search_body_matches_by_date: newest first through the date index, testing each post until the page
  -- is full (a bitmap of every match would read them all first).
  PERFORM set_config('enable_bitmapscan', 'off', true);
  RETURN QUERY
    SELECT p."id", 0::real, p."published_at", matches
    FROM "posts" p
    WHERE p."status" = 'PUBLISHED' AND p."search_vector" @@ query AND NOT coalesce(p."search_head" @@ query, false)
    ORDER BY p."published_at" DESC, p."id"
    LIMIT max_rows - returned OFFSET greatest(0, skip - heads);
END
$$;
