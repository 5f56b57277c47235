-- search_published_posts called SQL functions (search_match_count, search_ranked_matches,
-- search_head_matches, search_body_matches_by_date) that PostgreSQL cannot inline, as each sets its own
-- planner settings; such a function's statement is planned again on every call, which cost about as much
-- as running it. Their statements now stand in search_published_posts itself, whose plans PL/pgSQL keeps
-- for the connection. And for a word in more posts than the pages can show, the posts whose title,
-- excerpt or tags match were ranked twice, once to count them and once for the page; now once: a page
-- they run out on holds the last of them, so they number skip + the rows it returned, and they are
-- counted apart only for a page that starts past them all. Results, order and totals are as before
-- (pages 1, 2, 5, 10, 11, 12 and 100 of 400 words of the 10,000-post bench data compared with the function
-- this replaces). The other functions stay: they are the same queries, for tests and the bench.

DROP FUNCTION "search_published_posts"(tsquery, integer, integer, integer);

-- A page of matches, best first, with their number: exact up to count_cap, count_cap + 1 beyond.
CREATE FUNCTION "search_published_posts"(query tsquery, max_rows integer, skip integer, count_cap integer)
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
BEGIN
  -- search_match_count
  SELECT count(*)::integer INTO matches FROM (SELECT 1 FROM "posts" p WHERE p."search_vector" @@ query LIMIT count_cap + 1) c;
  -- Past the first pages the date walk would test more posts than ranking them all reads.
  IF matches <= count_cap OR skip >= 100 THEN
    -- search_ranked_matches: ranked in the scan (OFFSET 0 keeps the subquery apart), so the sort keeps narrow rows.
    RETURN QUERY
      SELECT m.post_id, m.score, m.post_date, matches
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
