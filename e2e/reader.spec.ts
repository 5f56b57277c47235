import { expect, test } from "@playwright/test";
import { createPost, createUser } from "./support/factories";

test("home lists published posts newest first, with pagination", async ({ page }) => {
  // Enough posts of its own for a second page, whatever else the database holds.
  const author = await createUser("AUTHOR");
  for (let i = 0; i < 11; i++) await createPost({ authorId: author.id, status: "PUBLISHED", title: `Pagination filler ${i}` });
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const articles = page.getByRole("article");
  await expect(articles.first()).toBeVisible();
  const dates = await page.locator("article time").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
  expect(dates.length).toBeGreaterThan(1);
  expect([...dates].sort().reverse()).toEqual(dates);

  await page.getByRole("link", { name: /Older posts/ }).click();
  await expect(page).toHaveURL(/\/page\/2$/);
  await expect(page.getByRole("article").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Newer posts/ })).toBeVisible();
});

test("a post page has its title, description and canonical URL, and needs no JavaScript", async ({ browser }) => {
  const author = await createUser("AUTHOR", "Reader Test Author");
  const post = await createPost({ authorId: author.id, status: "PUBLISHED", title: "Readable without scripts" });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`/blog/${post.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Readable without scripts" })).toBeVisible();
  await expect(page.getByText("Reader Test Author").first()).toBeVisible();
  await expect(page).toHaveTitle(/Readable without scripts/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Body of Readable without scripts/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/blog/${post.slug}$`));
  await context.close();
});

test("drafts and unknown slugs are 404 pages, not errors", async ({ page }) => {
  const author = await createUser("AUTHOR");
  const draft = await createPost({ authorId: author.id, status: "DRAFT", title: "Secret draft" });
  const response = await page.goto(`/blog/${draft.slug}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Secret draft")).toHaveCount(0);

  expect((await page.goto("/blog/no-such-post-anywhere"))?.status()).toBe(404);
  expect((await page.goto("/page/9999"))?.status()).toBe(404);
  expect((await page.goto("/nothing/here"))?.status()).toBe(404);
});

test("reader pages load no framework JavaScript: the page is complete as HTML", async ({ page }) => {
  const author = await createUser("AUTHOR");
  const post = await createPost({ authorId: author.id, status: "PUBLISHED", title: "Script-free reading" });
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script" || request.headers()["rsc"] === "1") scripts.push(request.url());
  });
  for (const path of ["/", `/blog/${post.slug}`, "/search?q=reading", "/blog/no-such-post-anywhere", "/page/2"]) {
    await page.goto(path);
    await page.mouse.wheel(0, 4000);
    await page.waitForLoadState("networkidle");
    const html = await page.content();
    expect(html, path).not.toContain("self.__next_f");
    await expect(page.getByRole("button", { name: "Dark theme" }), path).toHaveAttribute("aria-pressed", /^(true|false)$/);
  }
  expect(scripts).toEqual([]);
  // Links are plain navigations.
  await page.goto(`/blog/${post.slug}`);
  await page.getByRole("banner").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("article").first()).toBeVisible();
});
