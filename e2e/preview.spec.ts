import { expect, test } from "@playwright/test";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

test("staff preview a draft as readers will see it, never cached or indexed", async ({ page }) => {
  const author = signedInUsers().author;
  const post = await createPost({ authorId: author.id, title: `Preview draft ${Date.now()}`, paragraphs: ["Only staff should read this yet."] });

  const response = await page.goto(`/admin/posts/${post.id}/preview`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("private, no-store");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  await expect(page.getByText("Only staff should read this yet.")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Preview" })).toContainText("Draft. Not visible to readers.");

  // Readers still get a 404 for the draft.
  const reader = await page.context().browser()!.newContext({ storageState: undefined });
  expect((await reader.request.get(`/blog/${post.slug}`)).status()).toBe(404);
  await reader.close();
});

test("a secret preview link works signed out until it is revoked, and stays out of feeds and the sitemap", async ({ page, browser }) => {
  // The feed and sitemap are rendered for the first time here, which takes a while on a busy machine.
  test.slow();
  const author = signedInUsers().author;
  const post = await createPost({ authorId: author.id, title: `Shared preview ${Date.now()}`, paragraphs: ["Shared with a reviewer."] });

  await page.goto(`/admin/posts/${post.id}`);
  // The editor appears once the page is interactive.
  await expect(page.getByRole("textbox", { name: "Post body" })).toBeVisible();
  await page.getByRole("button", { name: "Create preview link" }).click();
  const url = await page.getByLabel(/New preview link/).inputValue();
  const path = new URL(url).pathname;
  expect(path).toMatch(/^\/preview\/[A-Za-z0-9_-]{43}$/);

  const reviewer = await browser.newContext({ storageState: undefined });
  const reviewerPage = await reviewer.newPage();
  const response = await reviewerPage.goto(path);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("private, no-store");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(reviewerPage.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(reviewerPage.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  await expect(reviewerPage.getByText("Shared with a reviewer.")).toBeVisible();

  for (const feed of ["/rss.xml", "/sitemap.xml"]) {
    const body = await (await reviewer.request.get(feed)).text();
    expect(body).not.toContain(post.slug);
    expect(body).not.toContain("/preview/");
  }

  // A guessed token is a 404 like any unknown page.
  expect((await reviewer.request.get("/preview/" + "A".repeat(43))).status()).toBe(404);

  await page.getByRole("list", { name: "Preview links" }).getByRole("button", { name: /^Revoke/ }).click();
  await expect(page.getByRole("list", { name: "Preview links" })).toHaveCount(0);
  const revoked = await reviewerPage.goto(path);
  expect(revoked?.status()).toBe(404);
  await expect(reviewerPage.getByText("Shared with a reviewer.")).toHaveCount(0);
  await reviewer.close();
});
