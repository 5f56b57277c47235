import { expect, test, type Locator } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

/** The generated content around an element, as a reader sees it: "none" when there is none. */
const decorations = (element: Locator) =>
  element.evaluate((el) => [getComputedStyle(el, "::before").content, getComputedStyle(el, "::after").content]);

test("inline code shows no backticks, and a bare domain becomes an https link, in the editor and for readers", async ({ page, browser }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(`Inline code and links ${Date.now()}`);
  await editor.body.click();
  await page.keyboard.type("Run `npm ci` first, then read the docs");
  const code = editor.body.locator("code");
  await expect(code).toHaveText("npm ci");
  expect(await decorations(code)).toEqual(["none", "none"]);

  for (let i = 0; i < "the docs".length; i += 1) await page.keyboard.press("Shift+ArrowLeft");
  await editor.tool("Link").click();
  await editor.linkUrl.fill("example.com/docs");
  await expect(editor.linkForm).toContainText("Links to https://example.com/docs");
  await editor.linkForm.getByRole("button", { name: "Apply" }).click();
  await expect(editor.body.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://example.com/docs");

  // Tagged like a real post: other specs read the newest post's tag links.
  await editor.tags.fill("Tooling");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  const slug = await editor.slug.inputValue();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(200);
  const article = readerPage.getByRole("article");
  const readerCode = article.locator("code", { hasText: "npm ci" });
  await expect(readerCode).toHaveText("npm ci");
  expect(await decorations(readerCode)).toEqual(["none", "none"]);
  await expect(article.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://example.com/docs");
  await reader.close();
});

test("Markdown image syntax typed into a paragraph becomes just the image, with its alt text", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(`Markdown image ${Date.now()}`);
  await editor.body.click();
  await page.keyboard.type("Intro.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("![Queue diagram](/images/queue.png)");

  const blocks = editor.body.locator(":scope > *");
  await expect(blocks).toHaveCount(3);
  await expect(blocks.nth(0)).toHaveText("Intro.");
  await expect(blocks.nth(1)).toHaveJSProperty("tagName", "IMG");
  await expect(blocks.nth(1)).toHaveAttribute("alt", "Queue diagram");
  await expect(blocks.nth(1)).toHaveAttribute("src", "/images/queue.png");
  await expect(editor.body).not.toContainText(")");
  // The writer carries on below the image.
  await page.keyboard.type("After the figure.");
  await expect(blocks).toHaveCount(3);
  await expect(blocks.nth(2)).toHaveText("After the figure.");

  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  await page.reload();
  await expect(editor.body.locator(":scope > *")).toHaveCount(3);
  await expect(editor.body.getByRole("img", { name: "Queue diagram" })).toHaveCount(1);
});
