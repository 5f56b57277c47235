import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectAccessibleAndShoot } from "./support/a11y";
import { createAuthor, createTag } from "./support/archives";
import { createPost } from "./support/factories";

/** The helpful parts every 404 page has, whichever not-found boundary rendered it. */
async function expectHelpfulNotFound(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("search").getByRole("searchbox", { name: "Search posts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("link", { name: "Follow the RSS feed" })).toHaveAttribute("href", "/rss.xml");
}

test("an unknown URL answers 404 with search, the feed and the way home", async ({ page }) => {
  const response = await page.goto("/nothing/here/at-all");
  expect(response?.status()).toBe(404);
  await expectHelpfulNotFound(page);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("banner").getByRole("link").first()).toBeVisible();
  await expectAccessibleAndShoot(page, "not-found");

  await page.goto("/nothing/here/at-all");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a missing post or tag shows the same helpful page inside the site layout, with status 404", async ({ page }) => {
  for (const path of ["/blog/no-such-post-anywhere", "/tag/no-such-tag-anywhere"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expectHelpfulNotFound(page);
    await expect(page.getByRole("contentinfo")).toBeVisible();
  }
  await expectAccessibleAndShoot(page, "not-found-tag");
});

test("the search form works from the keyboard and searches for what was typed", async ({ page }) => {
  await page.goto("/blog/no-such-post-anywhere");
  const search = page.getByRole("main").getByRole("searchbox", { name: "Search posts" });
  await search.focus();
  await expect(search).toBeFocused();
  await page.keyboard.type("query planner");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=query\+planner$/);
});

test.describe("in the dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("the 404 page passes axe", async ({ page }) => {
    expect((await page.goto("/nothing/here/in-the-dark"))?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expectAccessibleAndShoot(page, "not-found-dark");
  });
});

test.describe("every dynamic reader route", () => {
  // Each path is missing, unpublished or out of range; all must get the page an unmatched URL gets,
  // readable in the HTML as sent (Next's own answer for notFound() is an empty document until scripts run).
  let paths: string[];
  let draft: { slug: string; title: string };

  test.beforeAll(async () => {
    const author = await createAuthor();
    const tag = await createTag();
    draft = await createPost({ authorId: author.id, title: "An unpublished draft nobody may see" });
    paths = [
      "/nothing/here/at-all",
      "/Blog/x",
      "/blog/no-such-post-anywhere",
      `/blog/${draft.slug}`,
      "/tag/no-such-tag-anywhere",
      "/tag/no-such-tag-anywhere/page/2",
      `/tag/${tag.slug}/page/99`,
      "/tag/x%00",
      "/author/no-such-author-anywhere",
      "/author/no-such-author-anywhere/page/2",
      `/author/${author.slug}/page/99`,
      "/page/999",
      "/page/not-a-number",
      "/preview/not-a-real-token",
    ];
  });

  test("answer 404 with the readable not-found page in the HTML as served", async ({ request }) => {
    for (const path of paths) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"], path).toMatch(/^text\/html/);
      // No shared cache may keep a 404: the post or tag may be published at that address any moment.
      expect(response.headers()["cache-control"], path).toMatch(/\bno-store\b/);
      expect(response.headers()["cache-control"], path).not.toMatch(/s-maxage/);
      const html = await response.text();
      expect(html, path).not.toContain("__next_error__");
      expect(html, path).toMatch(/^<!DOCTYPE html><html lang="en"/);
      expect(html, path).toMatch(/<title>Page not found<\/title>/);
      expect(html, path).toMatch(/<meta name="robots" content="noindex"\/>/);
      expect(html, path).toMatch(/<h1[^>]*>Page not found<\/h1>/);
      expect(html, path).toContain("Search for it, or start from the latest posts.");
      expect(html, path).toMatch(/<a[^>]* href="\/rss.xml"/);
    }
  });

  test("a draft's address answers exactly as an address that never existed", async ({ request }) => {
    const [missing, drafted] = await Promise.all([request.get("/blog/no-such-post-anywhere"), request.get(`/blog/${draft.slug}`)]);
    expect(drafted.status()).toBe(missing.status());
    const body = await drafted.text();
    expect(body).not.toContain(draft.title);
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0];
    expect(main(body)).toBe(main(await missing.text()));
    const headerNames = (headers: Record<string, string>) => Object.keys(headers).filter((name) => name !== "date" && name !== "content-length").sort();
    expect(headerNames(drafted.headers())).toEqual(headerNames(missing.headers()));
  });

  test("pass axe, once scripts have run", async ({ page }) => {
    // One axe run per path (14): 4-13 s each on a busy 2-core machine (load 12-18), past the default 60 s.
    test.setTimeout(paths.length * 15_000);
    for (const path of paths) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Page not found");
      await expectAccessible(page, path);
    }
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("they show the not-found page, with the document's language, title and noindex", async ({ page }) => {
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expect(page.locator("html"), path).toHaveAttribute("lang", "en");
        await expect(page, path).toHaveTitle("Page not found");
        await expect(page.locator('meta[name="robots"]'), path).toHaveAttribute("content", /noindex/);
        await expectHelpfulNotFound(page);
        await expect(page.getByRole("contentinfo"), path).toBeVisible();
      }
      await page.goto("/blog/no-such-post-anywhere");
      for (const [viewport, size] of Object.entries({ phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } })) {
        await page.setViewportSize(size);
        await page.screenshot({ path: `e2e/screenshots/not-found-no-js-${viewport}.png`, fullPage: true });
      }
    });
  });
});
