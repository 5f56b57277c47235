import { expect, test } from "@playwright/test";
import { expectAccessibleAndShoot } from "./support/a11y";
import { testDb } from "./support/db";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";


test.describe("reader pages", () => {
  test("home, a post, page 2 and the 404 page are accessible", async ({ page }) => {
    await page.goto("/");
    await expectAccessibleAndShoot(page, "home");
    await page.getByRole("article").first().getByRole("heading").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessibleAndShoot(page, "post");
    await page.goto("/page/2");
    await expectAccessibleAndShoot(page, "page-2");
    await page.goto("/blog/does-not-exist");
    await expectAccessibleAndShoot(page, "not-found");
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`every public page type passes axe in the ${colorScheme} theme`, async ({ browser }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      // The oldest demo post with a tag: other specs publish newer posts of their own, with or without
      // tags, while this runs. "retrieval" finds demo posts.
      const demoPost = await testDb().post.findFirstOrThrow({
        where: { status: "PUBLISHED", tags: { some: {} } },
        orderBy: { publishedAt: "asc" },
        select: { slug: true },
      });
      const postHref = `/blog/${demoPost.slug}`;
      await page.goto(postHref);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const tagHref = await page.locator('main a[href^="/tag/"]').first().getAttribute("href");
      const authorHref = await page.locator('main a[href^="/author/"]').first().getAttribute("href");
      const pages: [string, string][] = [
        ["home", "/"],
        ["post", postHref],
        ["tag", tagHref!],
        ["author", authorHref!],
        ["search", "/search?q=retrieval"],
        ["search-empty", "/search?q=zzqxvbnm"],
        ["not-found", "/blog/does-not-exist"],
      ];
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectAccessibleAndShoot(page, `${name}-${colorScheme}`);
      }
      await context.close();
    });
  }

  test("the skip link moves keyboard focus to the content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("the sign-in page is accessible", async ({ page }) => {
    await page.goto("/login");
    await expectAccessibleAndShoot(page, "login");
  });
});

test.describe("staff pages", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the post list and the editor are accessible", async ({ page }) => {
    const admin = signedInUsers().admin;
    const post = await createPost({ authorId: admin.id, title: "Accessibility check draft", paragraphs: ["A paragraph to look at.", "And another one."] });
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Posts" })).toBeVisible();
    await expectAccessibleAndShoot(page, "admin-posts");
    await page.goto(`/admin/posts/${post.id}`);
    await expect(page.getByRole("textbox", { name: "Post body" })).toBeVisible();
    await expectAccessibleAndShoot(page, "editor");
  });
});
