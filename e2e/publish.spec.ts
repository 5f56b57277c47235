import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { LoginPage } from "./pages/login-page";
import { createPost, createUser } from "./support/factories";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

test("an author signs in, writes a post with a heading and a code block, publishes it, and readers find it", async ({ browser }) => {
  const author = await createUser("AUTHOR", "Bea Backpressure");
  const staff = await browser.newContext({ storageState: undefined });
  const page = await staff.newPage();
  await page.goto("/admin");
  await new LoginPage(page).signIn(author.email, author.password);
  await expect(page).toHaveURL(/\/admin$/);

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
  await staff.close();
});

test("a save based on a stale version is refused, and the editor keeps the text", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const post = await createPost({ authorId: author.id, title: "Edited in two tabs" });
  const context = await browser.newContext({ storageState: undefined });
  const first = await context.newPage();
  await first.goto("/login");
  await new LoginPage(first).signIn(author.email, author.password);
  await expect(first).toHaveURL(/\/admin$/);
  const second = await context.newPage();

  const tabA = new EditorPage(first);
  const tabB = new EditorPage(second);
  await tabA.open(post.id);
  await tabB.open(post.id);
  await expect(tabB.body).toBeVisible();

  await tabA.body.click();
  await first.keyboard.press("End");
  await first.keyboard.type(" Tab A was here.");
  await tabA.saveDraft.click();
  await expect(tabA.status).toHaveText("Draft saved.");

  await tabB.body.click();
  await second.keyboard.press("End");
  await second.keyboard.type(" Tab B wrote this.");
  await tabB.saveDraft.click();
  await expect(second.getByRole("alert").filter({ hasText: "changed elsewhere" })).toBeVisible();
  await expect(tabB.body).toContainText("Tab B wrote this.");

  // The editor warns before discarding unsaved text; accept to see what is stored.
  second.once("dialog", (dialog) => dialog.accept());
  await second.reload();
  await expect(tabB.body).toContainText("Tab A was here.");
  await expect(tabB.body).not.toContainText("Tab B wrote this.");
  await context.close();
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
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(410);
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

test("a save after the session ended is refused without losing the text", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const post = await createPost({ authorId: author.id, title: "Written while signed out" });
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto("/login");
  await new LoginPage(page).signIn(author.email, author.password);
  await expect(page).toHaveURL(/\/admin$/);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Unsaved words.");

  await context.clearCookies();
  await editor.saveDraft.click();
  await expect(page.getByRole("alert").filter({ hasText: "session has ended" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/admin/posts/${post.id}$`));
  await expect(editor.body).toContainText("Unsaved words.");
  await context.close();
});

test("a failed request keeps the editor and its text", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill("Offline for a moment");
  await editor.body.click();
  await page.keyboard.type("Words typed before the network dropped.");
  await page.route("**/admin/posts/**", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await editor.saveDraft.click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not reach the server" })).toBeVisible();
  await expect(editor.body).toContainText("Words typed before the network dropped.");

  await page.unroute("**/admin/posts/**");
  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
});

test("after publishing, nothing is left unsaved; a hand-set draft slug survives a reload", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(`Clean after publish ${Date.now()}`);
  await editor.body.click();
  await page.keyboard.type("Body.");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  await expect(page.getByText(/^Saved \d{1,2}:\d{2}/).filter({ visible: true })).toBeVisible();

  // Unique, so a retry or a repeat does not find the slug taken by the first attempt.
  const ownSlug = `my-own-slug-${Date.now().toString(36)}`;
  await editor.openNew();
  await editor.title.fill("Hello slugs");
  await editor.slug.fill(ownSlug);
  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  await page.reload();
  await expect(editor.slug).toHaveValue(ownSlug);
  await editor.title.fill("Hello slugs, retitled");
  await expect(editor.slug).toHaveValue(ownSlug);
});

test("leaving the editor with unsaved changes asks first", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill("Not saved yet");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    return dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Posts" }).click();
  expect(asked).toContain("unsaved changes");
  await expect(editor.title).toHaveValue("Not saved yet");
  await expect(page).toHaveURL(/\/admin\/posts\/\w+$/);
});
