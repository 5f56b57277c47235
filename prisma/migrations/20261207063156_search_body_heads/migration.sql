-- The first 1,000 characters of each post's body, so that a search hit's snippet need not read the whole
-- body. The snippet window (lib/search.ts) starts 160 characters before the body's first match of the query
-- words, found with strpos in the lower-cased body: every hit's body was detoasted (pglz, 5,600 characters
-- on average in the 10,000-post bench data) and lower-cased whole, about 60 µs a hit, although the first
-- match is within the first 400 characters for 70% of the hits of one-word queries. The window is now cut
-- from this head when the head holds the first match and the whole window (or is the whole body), and from
-- the body as before otherwise, so snippets are unchanged.

-- CreateTable
CREATE TABLE "search_body_heads" (
    "post_id" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "whole" BOOLEAN NOT NULL,

    CONSTRAINT "search_body_heads_pkey" PRIMARY KEY ("post_id")
);

-- Kept by the statements that write posts, from their transition tables (as search_head_lexemes is), for
-- every post whatever its status (search joins it to published hits only); rows in key order so concurrent
-- writers cannot deadlock.
CREATE FUNCTION "refresh_search_body_heads"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "search_body_heads" b USING changed_old o WHERE b."post_id" = o."id";
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "search_body_heads" ("post_id", "head", "whole")
    SELECT n."id", left(n."plaintext", 1000), length(n."plaintext") <= 1000 FROM changed_new n ORDER BY n."id";
    RETURN NULL;
  END IF;
  -- Any update of posts fires this (a trigger with transition tables cannot name columns): only posts whose
  -- body changed are rewritten.
  INSERT INTO "search_body_heads" AS b ("post_id", "head", "whole")
  SELECT n."id", left(n."plaintext", 1000), length(n."plaintext") <= 1000
  FROM changed_new n JOIN changed_old o ON o."id" = n."id"
  WHERE o."plaintext" IS DISTINCT FROM n."plaintext"
  ORDER BY n."id"
  ON CONFLICT ("post_id") DO UPDATE SET "head" = excluded."head", "whole" = excluded."whole";
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_insert_search_body_heads" AFTER INSERT ON "posts"
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_body_heads"();
CREATE TRIGGER "posts_delete_search_body_heads" AFTER DELETE ON "posts"
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_body_heads"();
CREATE TRIGGER "posts_update_search_body_heads" AFTER UPDATE ON "posts"
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "refresh_search_body_heads"();

CREATE FUNCTION "clear_search_body_heads"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "search_body_heads";
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_truncate_clear_search_body_heads" AFTER TRUNCATE ON "posts"
FOR EACH STATEMENT EXECUTE FUNCTION "clear_search_body_heads"();

INSERT INTO "search_body_heads" ("post_id", "head", "whole")
SELECT p."id", left(p."plaintext", 1000), length(p."plaintext") <= 1000 FROM "posts" p ORDER BY p."id";
