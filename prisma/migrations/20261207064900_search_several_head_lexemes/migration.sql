-- The title, excerpt and tag matches of a one-word query whose prefix starts several lexemes, read from
-- their stored ranks (search_head_lexemes) as a prefix of one lexeme already was. Such a query with more
-- matches than the pages can show ranked every post whose search_head matches: 2-5 ms for words such as
-- "model" (model, model-grad), "data" (data, databas, dataset, dataclass) or "time" on the 10,000-post
-- bench data, the slowest one-word queries there. A post whose search_head holds one of the lexemes ranks
-- by that lexeme's stored score; the few that hold several (0 to 210 posts for those words) are ranked per
-- query. Results, order and totals are unchanged.

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
  lexemes text[];
  several text[];
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
      SELECT max(l."posts"), coalesce(sum(l."posts"), 0), count(*) FILTER (WHERE l."posts" > 0), min(l."lexeme") FILTER (WHERE l."posts" > 0),
        array_agg(l."lexeme" ORDER BY l."posts" DESC, l."lexeme") FILTER (WHERE l."posts" > 0)
      INTO most, bound, held, sole, lexemes
      FROM "search_lexeme_posts" l
      WHERE l."lexeme" >= word AND l."lexeme" < word || chr(1114111) AND starts_with(l."lexeme", word);
      IF held <> 1 THEN
        sole := NULL;
      END IF;
      IF held < 2 THEN
        lexemes := NULL;
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
  IF lexemes IS NOT NULL THEN
    -- A prefix of several lexemes: a post whose search_head holds one of them ranks as that lexeme alone
    -- ranks it (its stored score); one that holds several is ranked here. Those are found among the rows of
    -- all but the commonest lexeme (lexemes is ordered by posts), each probed for another by the primary key.
    several := ARRAY(
      SELECT DISTINCT h."post_id" FROM "search_head_lexemes" h
      WHERE h."lexeme" = ANY (lexemes[2:])
        AND EXISTS (SELECT 1 FROM "search_head_lexemes" x WHERE x."post_id" = h."post_id" AND x."lexeme" = ANY (lexemes) AND x."lexeme" <> h."lexeme")
    );
    -- The page comes from the first skip + max_rows of each lexeme in stored order, and the posts of several.
    RETURN QUERY
      SELECT r.post_id, r.score, r.post_date, matches
      FROM (
        SELECT s.post_id, s.score, s.post_date
        FROM unnest(lexemes) AS l(lexeme)
        CROSS JOIN LATERAL (
          SELECT h."post_id" AS post_id, h."score" AS score, h."published_at" AS post_date
          FROM "search_head_lexemes" h
          WHERE h."lexeme" = l.lexeme AND h."post_id" <> ALL (several)
          ORDER BY h."score" DESC, h."published_at" DESC NULLS LAST, h."post_id"
          LIMIT skip + max_rows
        ) s
        UNION ALL
        SELECT p."id", ts_rank_cd(p."search_head", query), p."published_at"
        FROM "posts" p
        WHERE p."id" = ANY (several)
      ) r
      ORDER BY r.score DESC, r.post_date DESC NULLS LAST, r.post_id
      LIMIT max_rows OFFSET skip;
  ELSE
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
  END IF;
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
