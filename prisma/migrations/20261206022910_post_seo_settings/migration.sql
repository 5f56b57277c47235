-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "canonical_url" TEXT,
ADD COLUMN     "meta_description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "meta_title" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "social_description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "social_image" TEXT,
ADD COLUMN     "social_title" TEXT NOT NULL DEFAULT '';
