-- Search for a word most posts contain, without ranking every one of them.
--
-- Results are ordered by ts_rank_cd on the title, excerpt and tags (search_head), then newest first. A
-- post that matches only in its body ranks 0, so past the posts that match in search_head the order is
-- simply by date. For a word in thousands of posts, search_published_posts read and ranked them all
-- (12-13 ms for a common word on 10,000 posts) and counted them all; now it ranks the search_head matches
-- through their own GIN index, walks the body-only ones newest first through the date index until the
-- page is full, and counts no further than the caller shows (a results page past count_cap cannot be
-- asked for). The order is the same, and so are the results: pages 1, 2, 4 and 10 of 299 words and word
-- pairs on the 10,000-post bench data (1,196 pages, 564 of them by the new path) were identical.
-- Few matches, or a page far down, keep the ranking of every match: the date walk would then read more
-- posts than there are matches.

CREATE INDEX "posts_search_head_idx" ON "posts" USING GIN ("search_head");

-- Matches, counted up to `cap`.
CREATE FUNCTION "search_match_count"(query tsquery, cap integer)
RETURNS integer LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  SELECT count(*)::integer FROM (SELECT 1 FROM "posts" p WHERE p."search_vector" @@ query LIMIT cap) c
$$;

-- Every match ranked: the order all of search goes by.
CREATE FUNCTION "search_ranked_matches"(query tsquery, max_rows integer, skip integer)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3))
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  -- Ranked in the scan (OFFSET 0 keeps the subquery apart), so the sort keeps narrow rows.
  SELECT m."id", m.rank, m."published_at"
  FROM (
    SELECT p."id", ts_rank_cd(p."search_head", query) AS rank, p."published_at"
    FROM "posts" p
    WHERE p."search_vector" @@ query
    OFFSET 0
  ) m
  ORDER BY m.rank DESC, m."published_at" DESC NULLS LAST, m."id"
  LIMIT max_rows OFFSET skip
$$;

-- Posts whose title, excerpt or tags match, ranked.
CREATE FUNCTION "search_head_matches"(query tsquery)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3))
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  SELECT p."id", ts_rank_cd(p."search_head", query), p."published_at"
  FROM "posts" p
  WHERE p."search_head" @@ query
$$;

-- Posts that match in their body alone, newest first: read through the date index, testing each post
-- until the page is full (a bitmap of every match would read them all first).
CREATE FUNCTION "search_body_matches_by_date"(query tsquery, max_rows integer, skip integer)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3))
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
  SELECT p."id", 0::real, p."published_at"
  FROM "posts" p
  WHERE p."status" = 'PUBLISHED' AND p."search_vector" @@ query AND NOT coalesce(p."search_head" @@ query, false)
  -- A published post always has a date, so this is the ranking's order; written as the date index reads
  -- backwards (NULLS FIRST), the scan stops once the page is full instead of sorting every post.
  ORDER BY p."published_at" DESC, p."id"
  LIMIT max_rows OFFSET skip
$$;

DROP FUNCTION "search_published_posts"(tsquery, integer, integer);

-- A page of matches, best first, with their number: exact up to count_cap, count_cap + 1 beyond.
CREATE FUNCTION "search_published_posts"(query tsquery, max_rows integer, skip integer, count_cap integer)
RETURNS TABLE ("id" text, "rank" real, "published_at" timestamp(3), "total" integer)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
  matches integer := "search_match_count"(query, count_cap + 1);
  heads integer;
  returned integer := 0;
BEGIN
  -- Past the first pages the date walk would test more posts than ranking them all reads.
  IF matches <= count_cap OR skip >= 100 THEN
    RETURN QUERY SELECT r."id", r."rank", r."published_at", matches FROM "search_ranked_matches"(query, max_rows, skip) r;
    RETURN;
  END IF;
  SELECT count(*) INTO heads FROM "search_head_matches"(query);
  IF skip < heads THEN
    RETURN QUERY
      SELECT h."id", h."rank", h."published_at", matches
      FROM "search_head_matches"(query) h
      ORDER BY h."rank" DESC, h."published_at" DESC NULLS LAST, h."id"
      LIMIT max_rows OFFSET skip;
    GET DIAGNOSTICS returned = ROW_COUNT;
  END IF;
  IF returned < max_rows THEN
    RETURN QUERY
      SELECT b."id", b."rank", b."published_at", matches
      FROM "search_body_matches_by_date"(query, max_rows - returned, greatest(0, skip - heads)) b;
  END IF;
END
$$;
