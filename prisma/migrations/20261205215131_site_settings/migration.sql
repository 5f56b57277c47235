-- AlterTable
ALTER TABLE "site" ADD COLUMN     "accent_color" TEXT,
ADD COLUMN     "code_injection_foot" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "code_injection_head" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "default_social_image" TEXT,
ADD COLUMN     "icon" TEXT,
ADD COLUMN     "logo" TEXT,
ADD COLUMN     "navigation" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "posts_per_page" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "secondary_navigation" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "social" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "timezone" TEXT;

-- The settings form allows 1–50; a list page must never be asked for 0 or thousands of posts.
ALTER TABLE "site" ADD CONSTRAINT "site_posts_per_page_range" CHECK ("posts_per_page" BETWEEN 1 AND 50);
