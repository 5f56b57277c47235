-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "body_html" TEXT,
ADD COLUMN     "body_html_renderer" TEXT;
