-- The body's table of contents, rendered with body_html on every save and schedule (lib/posts/body-html.ts)
-- and stored for older posts by a job (lib/posts/body-backfill.ts), so the post page no longer reads the
-- whole document to list its headings; valid while body_html_renderer names the running renderer.
-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "body_toc" JSONB;
