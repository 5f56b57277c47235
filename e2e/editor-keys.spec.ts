import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

async function newPost(editor: EditorPage, title: string) {
  await editor.openNew();
  await editor.title.fill(`${title} ${Date.now()}`);
  const slug = await editor.slug.inputValue();
  await editor.body.click();
  return slug;
}

test("Tab and Shift+Tab indent code in a code block, Enter keeps the indentation, and the slug is left alone", async ({ page }) => {
  const editor = new EditorPage(page);
  const slug = await newPost(editor, "Indenting code");
  await editor.tool("Code block").click();
  const keys = page.keyboard;
  await keys.type("function f() {");
  await keys.press("Enter");
  await keys.press("Tab");
  await keys.type("if (x) {");
  await keys.press("Enter");
  await keys.press("Tab");
  await keys.type("return 1;");
  await keys.press("Enter");
  await keys.press("Shift+Tab");
  await keys.type("}");
  await keys.press("Enter");
  await keys.press("Shift+Tab");
  await keys.type("}");

  const code = editor.body.locator("pre code");
  const expected = "function f() {\n  if (x) {\n    return 1;\n  }\n}";
  await expect.poll(() => code.textContent()).toBe(expected);
  await expect(editor.body).toBeFocused();
  await expect(editor.slug).toHaveValue(slug);

  // A selection over several lines moves them together.
  await keys.press("ArrowUp");
  await keys.press("Shift+ArrowUp");
  await keys.press("Tab");
  await expect.poll(() => code.textContent()).toBe("function f() {\n  if (x) {\n      return 1;\n    }\n}");
  await keys.press("Shift+Tab");
  await expect.poll(() => code.textContent()).toBe(expected);

  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  await page.reload();
  await expect.poll(() => editor.body.locator("pre code").textContent()).toBe(expected);
  await expect(editor.slug).toHaveValue(slug);
});

test("Tab nests a list item and Shift+Tab lifts it, without leaving the editor even where nesting is impossible", async ({ page }) => {
  const editor = new EditorPage(page);
  const slug = await newPost(editor, "Nested lists");
  const keys = page.keyboard;
  await keys.type("- first");
  await keys.press("Tab");
  await expect(editor.body).toBeFocused();
  await keys.press("Enter");
  await keys.press("Tab");
  await keys.type("nested");
  await expect(editor.body.locator("ul ul > li")).toHaveText("nested");
  await keys.press("Shift+Tab");
  await expect(editor.body.locator("ul ul")).toHaveCount(0);
  await expect(editor.body.locator("ul > li")).toHaveText(["first", "nested"]);
  await expect(editor.body).toBeFocused();
  await expect(editor.slug).toHaveValue(slug);
});

test("in a paragraph Tab leaves the editor without changing the text", async ({ page }) => {
  const editor = new EditorPage(page);
  await newPost(editor, "Leaving by Tab");
  await page.keyboard.type("Plain prose.");
  await page.keyboard.press("Tab");
  await expect(editor.body).not.toBeFocused();
  await expect(editor.body).toHaveText("Plain prose.");
});

test("the usual shortcuts: Ctrl+Alt+1..3 for headings h2..h4, Ctrl+Shift+8 and 7 for lists", async ({ page }) => {
  const editor = new EditorPage(page);
  await newPost(editor, "Shortcuts");
  const keys = page.keyboard;
  await keys.type("A section");
  await keys.press("Control+Alt+1");
  await expect(editor.body.locator("h2")).toHaveText("A section");
  await keys.press("Control+Alt+2");
  await expect(editor.body.locator("h3")).toHaveText("A section");
  await keys.press("Control+Alt+3");
  await expect(editor.body.locator("h4")).toHaveText("A section");
  await expect(editor.body.locator("h2, h3")).toHaveCount(0);

  await keys.press("Enter");
  await keys.type("an item");
  await keys.press("Control+Shift+8");
  await expect(editor.body.locator("ul > li")).toHaveText("an item");
  await keys.press("Control+Shift+7");
  await expect(editor.body.locator("ol > li")).toHaveText("an item");
  await expect(editor.body.locator("ul")).toHaveCount(0);
});

test("Ctrl+K opens the link form focused, shows what will be saved, and Escape returns to the text", async ({ page }) => {
  const editor = new EditorPage(page);
  await newPost(editor, "Links by keyboard");
  const keys = page.keyboard;
  await keys.type("Read the docs");
  await keys.press("Shift+Home");
  await keys.press("Control+k");
  await expect(editor.linkUrl).toBeFocused();
  await keys.type("example.com/docs");
  await expect(editor.linkForm).toContainText("Links to https://example.com/docs");
  await keys.press("Enter");
  await expect(editor.linkForm).toHaveCount(0);
  await expect(editor.body.getByRole("link", { name: "Read the docs" })).toHaveAttribute("href", "https://example.com/docs");
  await expect(editor.body).toBeFocused();

  // A path on this site stays a path.
  await keys.press("End");
  await keys.press("Enter");
  await keys.type("About us");
  await keys.press("Shift+Home");
  await keys.press("Control+k");
  await keys.type("/about");
  await expect(editor.linkForm).toContainText("Links to /about");
  await keys.press("Enter");
  await expect(editor.body.getByRole("link", { name: "About us" })).toHaveAttribute("href", "/about");

  await keys.press("Control+k");
  await expect(editor.linkUrl).toBeFocused();
  await keys.press("Escape");
  await expect(editor.linkForm).toHaveCount(0);
  await expect(editor.body).toBeFocused();
  // The selection is as it was: the linked words are still selected.
  await keys.press("End");
  await keys.type("!");
  await expect(editor.body).toContainText("About us!");

  // With nothing selected, the address itself becomes the linked text.
  await keys.press("Enter");
  await keys.press("Control+k");
  await keys.type("docs.example.org");
  await keys.press("Enter");
  await expect(editor.body.getByRole("link", { name: "docs.example.org" })).toHaveAttribute("href", "https://docs.example.org");
});

test("a key acts where the browser put the caret, even before the browser has reported the move (issue 10)", async ({ page }) => {
  const editor = new EditorPage(page);
  await newPost(editor, "Caret sync");
  await page.keyboard.type("First line");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Second");
  // Moves the caret to the end of the first line and presses Enter in one task, so the browser's
  // selectionchange event for the move has not run yet when the key arrives (as End then Enter on a
  // busy page).
  await editor.body.evaluate((body) => {
    const text = body.querySelector("p")!.firstChild!;
    document.getSelection()!.collapse(text, text.textContent!.length);
    body.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 13, bubbles: true, cancelable: true }));
  });
  await page.keyboard.type("Inserted");
  await expect(editor.body.locator("p")).toHaveText(["First line", "Inserted", "Second"]);
});
