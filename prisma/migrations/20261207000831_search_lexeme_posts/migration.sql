-- How many published posts hold each lexeme of the search index, so that search need not count a one-word
-- query's matches. search_published_posts counted every query's matches up to count_cap + 1, to choose its
-- way and to say how many there are; that count built the GIN index's bitmap of every match and read up to
-- a thousand posts (2.8 ms of the 4.4 ms the function took per word of the 10,000-post bench data, on
-- average). A one-word query matches at least the posts of its most frequent lexeme (the word, or the
-- commonest word it starts) and at most those of all its lexemes together: when the first is above
-- count_cap, or the second at most count_cap (where ranking every match counts them anyway), the count is
-- not taken. Results and totals are unchanged.

-- CreateTable
CREATE TABLE "search_lexeme_posts" (
    -- "C" collation: a prefix is then a range of the primary key (search_published_posts reads it so).
    "lexeme" TEXT COLLATE "C" NOT NULL,
    "posts" INTEGER NOT NULL,

    CONSTRAINT "search_lexeme_posts_pkey" PRIMARY KEY ("lexeme")
);

-- Kept by the statements that write posts, from their transition tables: one upsert per statement,
-- whatever number of posts it changed. Only a post's search_vector counts (a vector means published, the
-- search_published_only migration). Lexemes are upserted in order, so concurrent writers lock shared rows
-- in the same order and cannot deadlock. A lexeme no post holds any more keeps its row at 0.
CREATE FUNCTION "count_search_lexemes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "search_lexeme_posts" AS l ("lexeme", "posts")
    SELECT u.lexeme, count(*)::integer FROM changed_new n CROSS JOIN LATERAL unnest(tsvector_to_array(n."search_vector")) AS u(lexeme)
    GROUP BY u.lexeme ORDER BY u.lexeme
    ON CONFLICT ("lexeme") DO UPDATE SET "posts" = l."posts" + excluded."posts";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "search_lexeme_posts" l SET "posts" = l."posts" - d.change
    FROM (
      SELECT u.lexeme, count(*)::integer AS change FROM changed_old o CROSS JOIN LATERAL unnest(tsvector_to_array(o."search_vector")) AS u(lexeme)
      GROUP BY u.lexeme
    ) d
    WHERE l."lexeme" = d.lexeme;
  ELSE
    -- Only posts whose vector changed (any update of posts fires this: a trigger with transition tables
    -- cannot name columns); each adds its new lexemes and takes away its old ones.
    INSERT INTO "search_lexeme_posts" AS l ("lexeme", "posts")
    SELECT u.lexeme, sum(c.sign)::integer
    FROM (
      SELECT n."search_vector" AS new_vector, o."search_vector" AS old_vector
      FROM changed_new n FULL JOIN changed_old o ON o."id" = n."id"
      WHERE n."search_vector" IS DISTINCT FROM o."search_vector"
    ) v
    CROSS JOIN LATERAL (VALUES (v.new_vector, 1), (v.old_vector, -1)) AS c(vector, sign)
    CROSS JOIN LATERAL unnest(tsvector_to_array(c.vector)) AS u(lexeme)
    GROUP BY u.lexeme HAVING sum(c.sign) <> 0 ORDER BY u.lexeme
    ON CONFLICT ("lexeme") DO UPDATE SET "posts" = l."posts" + excluded."posts";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_insert_count_search_lexemes" AFTER INSERT ON "posts"
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "count_search_lexemes"();
CREATE TRIGGER "posts_delete_count_search_lexemes" AFTER DELETE ON "posts"
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION "count_search_lexemes"();
CREATE TRIGGER "posts_update_count_search_lexemes" AFTER UPDATE ON "posts"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "count_search_lexemes"();

CREATE FUNCTION "clear_search_lexemes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "search_lexeme_posts";
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_truncate_clear_search_lexemes" AFTER TRUNCATE ON "posts"
FOR EACH STATEMENT EXECUTE FUNCTION "clear_search_lexemes"();

INSERT INTO "search_lexeme_posts" ("lexeme", "posts")
SELECT s.word, s.ndoc FROM ts_stat('SELECT "search_vector" FROM "posts" WHERE "search_vector" IS NOT NULL') s;

-- As the search_fewer_scans migration wrote it, but for the count. A one-word query matches at least the
-- posts of its most frequent lexeme (the word, or the commonest word it starts) and at most those of all
-- its lexemes together: above count_cap, or at most count_cap, the count is not taken.
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
    ELSE
      -- Every lexeme that starts with it lies in this range of the primary key ("C" collation).
      SELECT max(l."posts"), coalesce(sum(l."posts"), 0) INTO most, bound FROM "search_lexeme_posts" l
      WHERE l."lexeme" >= word AND l."lexeme" < word || chr(1114111) AND starts_with(l."lexeme", word);
    END IF;
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
