-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "feature_image_alt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "feature_image_caption" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "media" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "variants" JSONB NOT NULL,
    "alt" TEXT NOT NULL DEFAULT '',
    "uploader_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_media" (
    "post_id" TEXT NOT NULL,
    "media_id" TEXT NOT NULL,

    CONSTRAINT "post_media_pkey" PRIMARY KEY ("post_id","media_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "media_key_key" ON "media"("key");

-- CreateIndex
CREATE INDEX "media_created_at_idx" ON "media"("created_at" DESC);

-- CreateIndex
CREATE INDEX "post_media_media_id_idx" ON "post_media"("media_id");

-- AddForeignKey
ALTER TABLE "media" ADD CONSTRAINT "media_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_media" ADD CONSTRAINT "post_media_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_media" ADD CONSTRAINT "post_media_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Post usage of uploaded files, derived from what the post stores on every write of its content or
-- feature image (the editor's save, a revision restore, an import alike). Keys are "<24 hex>.<ext>",
-- as lib/media/variants.ts names originals; the WebP copies ("<hash>-<width>.webp") are not originals.
CREATE FUNCTION "sync_post_media"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "post_media" WHERE "post_id" = NEW."id";
  INSERT INTO "post_media" ("post_id", "media_id")
  SELECT DISTINCT NEW."id", m."id"
  FROM "media" m
  WHERE m."key" IN (
    SELECT found.match[1]
    FROM regexp_matches(NEW."content"::text || ' ' || coalesce(NEW."feature_image", ''), '/media/([a-f0-9]{24}\.(?:jpg|png|webp|avif|gif))(?![a-z0-9-])', 'g') AS found(match)
  );
  RETURN NULL;
END
$$;

CREATE TRIGGER "posts_sync_media"
AFTER INSERT OR UPDATE OF "content", "feature_image" ON "posts"
FOR EACH ROW EXECUTE FUNCTION "sync_post_media"();

-- A file recorded after a post already named it (the same image uploaded again after it was deleted
-- while a restored revision still showed it) is linked at once; uploads are rare, so the scan is cheap.
CREATE FUNCTION "link_new_media"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "post_media" ("post_id", "media_id")
  SELECT p."id", NEW."id"
  FROM "posts" p
  WHERE strpos(p."content"::text, '/media/' || NEW."key") > 0 OR p."feature_image" = '/media/' || NEW."key"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "media_link_posts"
AFTER INSERT ON "media"
FOR EACH ROW EXECUTE FUNCTION "link_new_media"();
