import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

/** axe finds nothing; a full-page screenshot per viewport lands in e2e/screenshots/ for people to look at. */
async function checkPage(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`)).toEqual([]);
  for (const [viewport, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/screenshots/${name}-${viewport}.png`, fullPage: true });
  }
}

test.describe("reader pages", () => {
  test("home, a post, page 2 and the 404 page are accessible", async ({ page }) => {
    await page.goto("/");
    await checkPage(page, "home");
    await page.getByRole("article").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkPage(page, "post");
    await page.goto("/page/2");
    await checkPage(page, "page-2");
    await page.goto("/blog/does-not-exist");
    await checkPage(page, "not-found");
  });

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
    await checkPage(page, "login");
  });
});

test.describe("staff pages", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the post list and the editor are accessible", async ({ page }) => {
    const admin = signedInUsers().admin;
    const post = await createPost({ authorId: admin.id, title: "Accessibility check draft", paragraphs: ["A paragraph to look at.", "And another one."] });
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Posts" })).toBeVisible();
    await checkPage(page, "admin-posts");
    await page.goto(`/admin/posts/${post.id}`);
    await expect(page.getByRole("textbox", { name: "Post body" })).toBeVisible();
    await checkPage(page, "editor");
  });
});
