import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

test("an author writes a post with a heading and a code block, publishes it, and readers find it", async ({ page, browser }) => {
  const title = `Backpressure in streaming jobs ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(title);
  await expect(editor.slug).toHaveValue(/^backpressure-in-streaming-jobs-\d+$/);

  await editor.body.click();
  await editor.tool("Heading 2").click();
  await page.keyboard.type("Why queues fill up");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Consumers slower than producers always lose.");
  await page.keyboard.press("Enter");
  await editor.tool("Code block").click();
  await page.keyboard.type("const lag = produced - consumed;");
  await editor.tags.fill("Streaming, Operations");

  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");

  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  await expect(page.getByText("Published", { exact: true }).filter({ visible: true })).toBeVisible();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  await readerPage.goto("/");
  const link = readerPage.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await link.click();
  await expect(readerPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(readerPage.getByRole("heading", { level: 2, name: "Why queues fill up" })).toBeVisible();
  await expect(readerPage.locator("pre code")).toHaveText("const lag = produced - consumed;");
  await expect(readerPage.getByRole("list", { name: "Tags" })).toContainText("Streaming");
  await reader.close();
});

test("unpublishing takes a post off the site on the next request", async ({ page, browser }) => {
  const title = `Short-lived note ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(title);
  await editor.body.click();
  await page.keyboard.type("Here today.");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  const slug = await editor.slug.inputValue();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(200);

  await editor.unpublishButton.click();
  await expect(editor.status).toHaveText(/Unpublished/);
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(404);
  await readerPage.goto("/");
  await expect(readerPage.getByRole("link", { name: title })).toHaveCount(0);
  await reader.close();
});

test("a published post's edits reach readers, and deleting removes it", async ({ page, browser }) => {
  const title = `Edited in place ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(title);
  await editor.body.click();
  await page.keyboard.type("First version.");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  const slug = await editor.slug.inputValue();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/${slug}`);
  await expect(readerPage.getByText("First version.")).toBeVisible();

  await editor.body.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Second version.");
  await editor.update.click();
  await expect(editor.status).toHaveText(/Updated/);
  await readerPage.goto(`/blog/${slug}`);
  await expect(readerPage.getByText("First version. Second version.")).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await editor.deleteButton.click();
  await expect(page).toHaveURL(/\/admin$/);
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(404);
  await reader.close();
});

test("a javascript: link is refused in the editor", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.body.click();
  await page.keyboard.type("click me");
  await page.keyboard.press("Shift+Home");
  await editor.tool("Link").click();
  await page.getByLabel("Link URL").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Use an http(s) or mailto address" })).toBeVisible();
});
