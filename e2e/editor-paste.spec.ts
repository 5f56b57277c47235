import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost } from "./support/factories";
import { createStaffMember, signedInContext } from "./support/staff";

/**
 * Pasting from the places writers copy from. Each test fires a real paste event on the editor with the
 * clipboard types those apps put there (Chromium lets a page build the event's DataTransfer), which is
 * what a Ctrl+V delivers to the editor.
 */
async function paste(page: Page, data: Record<string, string>) {
  await page.getByRole("textbox", { name: "Post body" }).filter({ visible: true }).evaluate((element, entries) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

// A copy from a web page: a table with a header row, a toggle and a tip written as a GitHub alert.
const WEB_PAGE = `<meta charset="utf-8"><h2 style="color:#111">Flags</h2><table class="w-full"><thead><tr><th>Flag</th><th>Default</th></tr></thead><tbody><tr><td><code>--port</code></td><td>3000</td></tr><tr><td><code>--host</code></td><td>localhost</td></tr></tbody></table><details><summary>Why these defaults?</summary><p>They match the dev server.</p></details><div class="markdown-alert markdown-alert-tip"><p class="markdown-alert-title">Tip</p><p>Set PORT to change it.</p></div>`;

// A copy from Google Docs: the guid wrapper, styled spans, a bold span, a footnote.
const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5a1b2c3d-7fff-1234-abcd-0123456789ab"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">Measured on </span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;">two cores</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span style="font-size:11pt;font-weight:400;">.</span></p><div><p dir="ltr"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span style="font-size:10pt;"> Idle otherwise.</span></p></div></b>`;

const VSCODE_TEXT = "export function lag(produced: number, consumed: number) {\n  return produced - consumed;\n}";
const VSCODE_HTML = `<meta charset='utf-8'><div style="color: #cccccc;background-color: #1f1f1f;font-family: Consolas, 'Courier New', monospace;font-weight: normal;font-size: 14px;line-height: 19px;white-space: pre;"><div><span style="color: #569cd6;">export</span><span style="color: #cccccc;"> </span><span style="color: #569cd6;">function</span><span style="color: #cccccc;"> </span><span style="color: #dcdcaa;">lag</span><span style="color: #cccccc;">(produced: number, consumed: number) {</span></div><div><span style="color: #cccccc;">  </span><span style="color: #c586c0;">return</span><span style="color: #cccccc;"> produced - consumed;</span></div><div><span style="color: #cccccc;">}</span></div></div>`;

const MARKDOWN = "## Install\n\n- Download the release\n- Check the hash\n\n```bash\ntar xf quire.tgz\ncd quire\n```\n\n| Step | Time |\n| --- | --- |\n| Build | 2 min |\n\nSee [the guide](https://example.com/guide).";

test("a pasted table, toggle and callout stay structured and reach the reader page and the feed", async ({ browser }) => {
  const author = await createStaffMember("AUTHOR");
  const post = await createPost({ authorId: author.id, title: `Paste keeps structure ${Date.now()}` });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+A");

  await paste(page, { "text/html": WEB_PAGE, "text/plain": "Flags\nFlag\tDefault\n--port\t3000\n--host\tlocalhost" });
  const table = editor.body.getByRole("table");
  await expect(table).toHaveCount(1);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("columnheader")).toHaveText(["Flag", "Default"]);
  await expect(table.getByRole("cell").first()).toHaveText("--port");
  await expect(editor.body.locator('[data-type="details"]')).toContainText("Why these defaults?");
  await expect(editor.body.locator('[data-callout="tip"]')).toHaveText("Set PORT to change it.");
  await expect(page.getByRole("status").filter({ hasText: "not everything could be kept" })).toHaveCount(0);

  // Published posts carry a tag, as the reader-page checks of other specs expect of the newest post.
  await editor.tags.fill("Formatting");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  const slug = await editor.slug.inputValue();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/${slug}`);
  const region = readerPage.getByRole("region", { name: "Table: Flag, Default" });
  await expect(region).toBeVisible();
  await expect(region.locator("thead th[scope=col]")).toHaveText(["Flag", "Default"]);
  await expect(region.locator("tbody tr")).toHaveCount(2);
  await expect(readerPage.locator("details summary")).toHaveText("Why these defaults?");
  await expect(readerPage.getByRole("note", { name: "Tip" })).toContainText("Set PORT to change it.");
  // A phone: the table scrolls inside its box, the page does not get wider.
  await readerPage.setViewportSize({ width: 390, height: 800 });
  expect(await readerPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const feed = await readerPage.request.get(`/author/${author.slug}/feed.json`);
  const entry = ((await feed.json()) as { items: { url: string; content_html: string }[] }).items.find((item) => item.url.endsWith(`/blog/${slug}`));
  expect(entry?.content_html).toContain('<th scope="col"><p>Flag</p></th>');
  expect(entry?.content_html).toContain("<details><summary>Why these defaults?</summary>");
  expect(entry?.content_html).toContain('<blockquote data-callout="tip"><p><strong>Tip</strong></p>');
  await reader.close();
  await context.close();
});

test("Google Docs text keeps its bold, drops its styling, and its footnote becomes a real footnote", async ({ browser }) => {
  const author = await createStaffMember("AUTHOR");
  const post = await createPost({ authorId: author.id });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+A");

  await paste(page, { "text/html": GOOGLE_DOCS, "text/plain": "Measured on two cores[1].\n[1] Idle otherwise." });
  await expect(editor.body.locator("p").first()).toHaveText("Measured on two cores.");
  await expect(editor.body.locator("p").first().locator("sup.footnote-ref")).toHaveCount(1);
  await expect(editor.body.locator("ol.footnotes li")).toHaveText("Idle otherwise.");
  await expect(editor.body.locator("strong")).toHaveText("two cores");
  // The wrapper <b> would have made everything bold.
  await expect(editor.body.locator("strong")).toHaveCount(1);
  await expect(editor.body.locator("[style]")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "not everything could be kept" })).toHaveCount(0);
  await context.close();
});

test("code from VS Code becomes one code block in its language; code and Markdown typed as plain text become blocks", async ({ browser }) => {
  const author = await createStaffMember("AUTHOR");
  const post = await createPost({ authorId: author.id, paragraphs: ["Slot A", "Slot B", "Slot C"] });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  // Each paste replaces one paragraph, selected as a writer would: a triple click.
  const slot = (name: string) => editor.body.locator("p", { hasText: name }).click({ clickCount: 3 });

  await slot("Slot A");
  await paste(page, { "text/plain": VSCODE_TEXT, "text/html": VSCODE_HTML, "vscode-editor-data": JSON.stringify({ version: 1, isFromEmptySelection: false, multicursorText: null, mode: "typescript" }) });
  await expect(editor.body.locator("pre")).toHaveCount(1);
  await expect(editor.body.locator("pre code")).toHaveText(VSCODE_TEXT);
  await expect(editor.body.locator("pre code")).toHaveClass(/language-typescript/);
  await expect(editor.body.locator("p", { hasText: "return" })).toHaveCount(0);

  await slot("Slot B");
  await paste(page, { "text/plain": "SELECT id, title\nFROM posts\nWHERE status = 'PUBLISHED';" });
  await expect(editor.body.locator("pre")).toHaveCount(2);
  await expect(editor.body.locator("pre").nth(1)).toHaveText("SELECT id, title\nFROM posts\nWHERE status = 'PUBLISHED';");

  await slot("Slot C");
  await paste(page, { "text/plain": MARKDOWN });
  await expect(editor.body.getByRole("heading", { level: 2, name: "Install" })).toBeVisible();
  await expect(editor.body.getByRole("listitem")).toHaveText(["Download the release", "Check the hash"]);
  await expect(editor.body.locator("pre")).toHaveCount(3);
  await expect(editor.body.locator("pre").nth(2)).toHaveText("tar xf quire.tgz\ncd quire");
  await expect(editor.body.getByRole("table").getByRole("columnheader")).toHaveText(["Step", "Time"]);
  await expect(editor.body.getByRole("link", { name: "the guide" })).toHaveAttribute("href", "https://example.com/guide");
  await expect(editor.body).not.toContainText("##");
  await expect(editor.body).not.toContainText("```");
  await expect(editor.body).not.toContainText("Slot");

  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  await page.reload();
  await expect(editor.body.locator("pre")).toHaveCount(3);
  await expect(editor.body.getByRole("table")).toHaveCount(1);
  await context.close();
});

test("the toolbar inserts a table and edits its rows, columns and header row", async ({ browser }) => {
  const author = await createStaffMember("AUTHOR");
  const post = await createPost({ authorId: author.id });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+End");

  await editor.tool("Insert table").click();
  const table = editor.body.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("columnheader")).toHaveCount(3);
  await page.keyboard.type("Name");
  const tableTools = page.getByRole("toolbar", { name: "Table" });
  await tableTools.getByRole("button", { name: "Add row below" }).click();
  await expect(table.getByRole("row")).toHaveCount(4);
  await tableTools.getByRole("button", { name: "Add column to the right" }).click();
  await expect(table.getByRole("columnheader")).toHaveCount(4);
  // Deleting removes the column the cursor is in: the new one, second from the left.
  await table.getByRole("columnheader").nth(1).click();
  await tableTools.getByRole("button", { name: "Delete column" }).click();
  await expect(table.getByRole("columnheader")).toHaveCount(3);
  await expect(tableTools.getByRole("button", { name: "Header row" })).toHaveAttribute("aria-pressed", "true");
  await tableTools.getByRole("button", { name: "Header row" }).click();
  await expect(table.getByRole("columnheader")).toHaveCount(0);
  await expect(tableTools.getByRole("button", { name: "Header row" })).toHaveAttribute("aria-pressed", "false");
  await tableTools.getByRole("button", { name: "Header row" }).click();
  await expect(table.getByRole("columnheader").first()).toHaveText("Name");

  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  await page.reload();
  await expect(editor.body.getByRole("table").getByRole("row")).toHaveCount(4);
  await expect(editor.body.getByRole("table").getByRole("columnheader").first()).toHaveText("Name");
  await context.close();
});

test("task lists pasted as GitHub Markdown text or as HTML keep their checkboxes and ticks through a save", async ({ browser }) => {
  const author = await createStaffMember("AUTHOR");
  const post = await createPost({ authorId: author.id, title: `Pasted tasks ${Date.now()}` });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+A");

  await paste(page, { "text/plain": "Release steps:\n\n- [x] Tag the release\n- [ ] Publish the notes\n  - [x] Draft them\n" });
  const box = (name: string) => editor.taskCheckbox(name);
  await expect(box("Tag the release")).toBeChecked();
  await expect(box("Publish the notes")).not.toBeChecked();
  await expect(box("Draft them")).toBeChecked();
  await expect(editor.body.getByText("[x]")).toHaveCount(0);

  // Out of the nested item, then out of the list.
  await page.keyboard.press("Control+End");
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("Enter");
  // A rendered GitHub README: checkboxes as disabled inputs in the items.
  await paste(page, {
    "text/html": '<meta charset="utf-8"><ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> Ran the benchmark</li><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled> Wrote it up</li></ul>',
    "text/plain": "Ran the benchmark\nWrote it up",
  });
  await expect(box("Ran the benchmark")).toBeChecked();
  await expect(box("Wrote it up")).not.toBeChecked();

  await editor.saveDraft.click();
  await expect(editor.saveState).toHaveText(/^Saved/);
  await page.reload();
  await editor.ready();
  for (const [name, checked] of [["Tag the release", true], ["Publish the notes", false], ["Draft them", true], ["Ran the benchmark", true], ["Wrote it up", false]] as const) {
    await expect(box(name)).toBeChecked({ checked });
  }
  await context.close();
});
