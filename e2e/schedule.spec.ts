import { expect, test } from "@playwright/test";
import { dateToWallTime } from "../lib/posts/schedule-time";
import { EditorPage } from "./pages/editor-page";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

test("a post scheduled in the editor shows its time in the list, then appears on the blog at that time", async ({ page, browser }) => {
  const author = signedInUsers().author;
  const post = await createPost({ authorId: author.id, title: `Scheduled ${Date.now()}`, paragraphs: ["Published by the queue."] });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await expect(editor.body).toBeVisible();

  // The e2e server runs with the default SITE_TIMEZONE, UTC.
  const at = new Date(Math.ceil((Date.now() + 10_000) / 1000) * 1000);
  await page.getByLabel("Publish at (UTC)").fill(dateToWallTime(at, "UTC"));
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText(/^Scheduled for \d+ \w+ \d{4}, \d\d:\d\d \(UTC\)\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reschedule" })).toBeVisible();

  const reader = await browser.newContext({ storageState: undefined });
  expect((await reader.request.get(`/blog/${post.slug}`)).status()).toBe(404);

  await page.goto("/admin");
  const row = page.getByRole("row").filter({ hasText: post.title });
  await expect(row).toContainText("Scheduled");
  await expect(row.locator("time").first()).toHaveAttribute("dateTime", at.toISOString());
  expect(Date.now()).toBeLessThan(at.getTime());

  await expect.poll(async () => (await reader.request.get(`/blog/${post.slug}`)).status(), { timeout: 30_000, intervals: [500] }).toBe(200);
  expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/${post.slug}`);
  await expect(readerPage.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  // The home page is no longer the one from before the publish: it lists the post, or (other specs publish
  // in parallel, ten posts to a page) only posts published since.
  await readerPage.goto("/");
  const listed = await readerPage.getByRole("link", { name: post.title }).count();
  if (listed === 0) {
    const dates = await readerPage.locator("main article time").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(new Date(date).getTime(), `home lists ${date}, older than the scheduled post`).toBeGreaterThanOrEqual(at.getTime());
  }
  await reader.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: post.title })).toContainText("Published");
});
