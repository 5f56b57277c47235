-- A post's social image is a use of the file too: before, a file picked only as a post's social image
-- counted as unused, and deleting it left the post's og:image pointing at nothing.

CREATE OR REPLACE FUNCTION "sync_post_media"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "post_media" WHERE "post_id" = NEW."id";
  INSERT INTO "post_media" ("post_id", "media_id")
  SELECT DISTINCT NEW."id", m."id"
  FROM "media" m
  WHERE m."key" IN (
    SELECT found.match[1]
    FROM regexp_matches(NEW."content"::text || ' ' || coalesce(NEW."feature_image", '') || ' ' || coalesce(NEW."social_image", ''), '/media/([a-f0-9]{24}\.(?:jpg|png|webp|avif|gif))(?![a-z0-9-])', 'g') AS found(match)
  );
  RETURN NULL;
END
$$;

DROP TRIGGER "posts_sync_media" ON "posts";
CREATE TRIGGER "posts_sync_media"
AFTER INSERT OR UPDATE OF "content", "feature_image", "social_image" ON "posts"
FOR EACH ROW EXECUTE FUNCTION "sync_post_media"();

CREATE OR REPLACE FUNCTION "link_new_media"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "post_media" ("post_id", "media_id")
  SELECT p."id", NEW."id"
  FROM "posts" p
  WHERE strpos(p."content"::text, '/media/' || NEW."key") > 0 OR p."feature_image" = '/media/' || NEW."key" OR p."social_image" = '/media/' || NEW."key"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- Social images picked before this migration.
INSERT INTO "post_media" ("post_id", "media_id")
SELECT p."id", m."id" FROM "posts" p JOIN "media" m ON p."social_image" = '/media/' || m."key"
ON CONFLICT DO NOTHING;
