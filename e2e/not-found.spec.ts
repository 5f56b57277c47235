import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleAndShoot } from "./support/a11y";

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
