-- AlterTable
ALTER TABLE "post_revisions" ADD COLUMN     "settings" JSONB;
