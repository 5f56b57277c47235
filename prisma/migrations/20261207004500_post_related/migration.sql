-- CreateTable
CREATE TABLE "post_related" (
    "post_id" TEXT NOT NULL,
    "related_ids" TEXT[],

    CONSTRAINT "post_related_pkey" PRIMARY KEY ("post_id")
);

-- CreateIndex
CREATE INDEX "post_related_related_ids_idx" ON "post_related" USING GIN ("related_ids");

-- AddForeignKey
ALTER TABLE "post_related" ADD CONSTRAINT "post_related_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The ranking the reader page shows (lib/related-posts.ts): other published posts scored by shared tags
-- (1 each) plus title similarity (pg_trgm, counted only above its threshold), best first, newer first
-- among equal scores, then by id. Posts sharing no tag count only through their title, and are looked
-- for only when fewer than p_limit posts share a tag. Only posts at or above the shared-tag count of the
-- p_limit-th best need their title compared (a lower count can never catch up: similarity is below 1).
CREATE FUNCTION related_post_ranking(p_id text, p_limit integer)
RETURNS TABLE (id text, score double precision, published_at timestamp(3), rank bigint)
LANGUAGE sql STABLE AS $$
  WITH this_post AS (
    SELECT p.id, p.title FROM posts p WHERE p.id = p_id AND p.status = 'PUBLISHED'
  ),
  shared AS MATERIALIZED (
    SELECT other.post_id AS id, count(*) AS shared_tags
    FROM this_post
    JOIN post_tags mine ON mine.post_id = this_post.id
    JOIN post_tags other ON other.tag_id = mine.tag_id AND other.post_id <> this_post.id
    GROUP BY other.post_id
  ),
  cut_any AS (
    SELECT shared_tags FROM shared ORDER BY shared_tags DESC LIMIT 1 OFFSET p_limit - 1
  ),
  top AS MATERIALIZED (
    SELECT s.id, s.shared_tags, p.title, p.published_at
    FROM shared s
    -- LATERAL with LIMIT keeps this a primary-key lookup per candidate rather than a scan of posts.
    CROSS JOIN LATERAL (SELECT p.title, p.published_at FROM posts p WHERE p.id = s.id AND p.status = 'PUBLISHED' LIMIT 1) p
    WHERE s.shared_tags >= coalesce((SELECT shared_tags FROM cut_any), 0)
  ),
  candidates AS (
    SELECT * FROM top WHERE (SELECT count(*) FROM top) >= p_limit
    UNION ALL
    SELECT s.id, s.shared_tags, p.title, p.published_at
    FROM shared s
    CROSS JOIN LATERAL (SELECT p.title, p.published_at FROM posts p WHERE p.id = s.id AND p.status = 'PUBLISHED' LIMIT 1) p
    WHERE (SELECT count(*) FROM top) < p_limit
  ),
  cut AS (
    SELECT shared_tags FROM candidates ORDER BY shared_tags DESC LIMIT 1 OFFSET p_limit - 1
  ),
  by_tags AS (
    SELECT c.id, (c.shared_tags + CASE WHEN c.title % t.title THEN similarity(c.title, t.title) ELSE 0 END)::double precision AS score, c.published_at
    FROM candidates c, this_post t
    WHERE c.shared_tags >= coalesce((SELECT shared_tags FROM cut), 0)
    ORDER BY score DESC, c.published_at DESC, c.id DESC
    LIMIT p_limit
  ),
  by_title AS (
    SELECT p.id, similarity(p.title, t.title)::double precision AS score, p.published_at
    FROM this_post t
    JOIN posts p ON p.title % t.title AND p.id <> t.id AND p.status = 'PUBLISHED'
    WHERE (SELECT count(*) FROM by_tags) < p_limit AND NOT EXISTS (SELECT 1 FROM shared WHERE shared.id = p.id)
    ORDER BY score DESC, p.published_at DESC, p.id DESC
    LIMIT p_limit
  ),
  ranked AS (
    SELECT * FROM by_tags
    UNION ALL
    SELECT * FROM by_title
    ORDER BY score DESC, published_at DESC, id DESC
    LIMIT p_limit
  )
  SELECT ranked.id, ranked.score, ranked.published_at, row_number() OVER (ORDER BY ranked.score DESC, ranked.published_at DESC, ranked.id DESC) AS rank
  FROM ranked
$$;

-- A stored list is stale once a post it could hold changes: a post's list depends on the status, title,
-- publish time and tags of every other post. A write deletes the lists it may change, in its own
-- transaction, and the page ranks again (and stores the list) when it renders next:
--   changed: published posts, or ones that were, whose status, title, publish time or tags changed:
--            their own lists and every list that holds them (a post can only leave or drop in those);
--   gained:  those of them published now: the lists of posts sharing a tag or a similar title with
--            them, which they may now enter.
-- Lists are stored under this advisory lock, exclusively (lib/related-posts.ts), and writers take it
-- shared before deleting: a list ranked from rows a writer is changing is stored before the writer's
-- delete runs (which then removes it) or ranked only after the writer committed.
CREATE FUNCTION post_related_forget(changed text[], gained text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(changed), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(4236710013);
  -- Nothing stored, nothing to forget: a bulk load (the backfill stores lists after it) pays nothing.
  -- Looked at under the lock, so that a list being stored now is seen.
  IF NOT EXISTS (SELECT 1 FROM post_related) THEN
    RETURN;
  END IF;
  DELETE FROM post_related r WHERE r.post_id = ANY (changed) OR r.related_ids && changed;
  IF coalesce(cardinality(gained), 0) > 0 THEN
    DELETE FROM post_related r
    WHERE r.post_id IN (
      SELECT other.post_id FROM post_tags mine JOIN post_tags other ON other.tag_id = mine.tag_id WHERE mine.post_id = ANY (gained)
      UNION
      SELECT x.id FROM posts g JOIN posts x ON x.title % g.title WHERE g.id = ANY (gained)
    );
  END IF;
END
$$;

CREATE FUNCTION post_related_posts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  ids := ARRAY(SELECT n.id FROM new_rows n WHERE n.status = 'PUBLISHED');
  PERFORM post_related_forget(ids, ids);
  RETURN NULL;
END
$$;

CREATE FUNCTION post_related_posts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM post_related_forget(
    ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (o.status = 'PUBLISHED' OR n.status = 'PUBLISHED')
        AND (o.status IS DISTINCT FROM n.status OR o.title IS DISTINCT FROM n.title OR o.published_at IS DISTINCT FROM n.published_at)
    ),
    ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status = 'PUBLISHED'
        AND (o.status IS DISTINCT FROM n.status OR o.title IS DISTINCT FROM n.title OR o.published_at IS DISTINCT FROM n.published_at)
    )
  );
  RETURN NULL;
END
$$;

CREATE FUNCTION post_related_posts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM post_related_forget(ARRAY(SELECT o.id FROM old_rows o WHERE o.status = 'PUBLISHED'), NULL);
  RETURN NULL;
END
$$;

-- A tag added to or removed from a published post. Tags of drafts change no list; a deleted post's
-- lists are forgotten by the posts trigger (its tags go with it).
CREATE FUNCTION post_related_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT o.post_id FROM old_rows o JOIN posts p ON p.id = o.post_id AND p.status = 'PUBLISHED');
    PERFORM post_related_forget(ids, NULL);
  ELSIF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.post_id FROM new_rows n JOIN posts p ON p.id = n.post_id AND p.status = 'PUBLISHED');
    PERFORM post_related_forget(ids, ids);
  ELSE
    ids := ARRAY(
      SELECT DISTINCT c.post_id FROM (SELECT post_id FROM old_rows UNION SELECT post_id FROM new_rows) c
      JOIN posts p ON p.id = c.post_id AND p.status = 'PUBLISHED'
    );
    PERFORM post_related_forget(ids, ids);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER post_related_posts_inserted AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_posts_inserted();
CREATE TRIGGER post_related_posts_updated AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_posts_updated();
CREATE TRIGGER post_related_posts_deleted AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_posts_deleted();
CREATE TRIGGER post_related_tags_inserted AFTER INSERT ON post_tags REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_tags_changed();
CREATE TRIGGER post_related_tags_updated AFTER UPDATE ON post_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_tags_changed();
CREATE TRIGGER post_related_tags_deleted AFTER DELETE ON post_tags REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_related_tags_changed();
