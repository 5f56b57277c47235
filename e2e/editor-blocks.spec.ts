import { randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { EditorPage } from "./pages/editor-page";
import { expectAccessible, expectAccessibleAndShoot } from "./support/a11y";
import { createRichPost, unique } from "./support/post-page";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

const menu = (page: Page) => page.getByRole("listbox", { name: "Insert block" });

/** Types "/query" where the cursor is and picks the first match with Enter. */
async function slash(page: Page, query: string) {
  await page.keyboard.type(`/${query}`);
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(menu(page)).toBeHidden();
}

async function uniqueImage(): Promise<Buffer> {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  return sharp({ create: { width: 600 + randomInt(40), height: 400, channels: 3, background } }).png().toBuffer();
}

async function publish(editor: EditorPage) {
  await editor.tags.fill("Tooling");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  return editor.slug.inputValue();
}

test("the slash menu filters as you type, moves with the arrows, and Escape leaves the text as typed", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.body.click();
  await page.keyboard.type("/");
  const list = menu(page);
  await expect(list).toBeVisible();
  expect(await list.getByRole("option").count()).toBeGreaterThan(15);
  await expect(editor.body).toHaveAttribute("aria-controls", "slash-menu-listbox");
  const first = list.getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(editor.body).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);

  await page.keyboard.type("call");
  await expect(list.getByRole("option")).toHaveText([/Callout: note/, /Callout: tip/, /Callout: warning/]);
  await page.keyboard.press("ArrowDown");
  await expect(list.getByRole("option", { name: /Callout: tip/ })).toHaveAttribute("aria-selected", "true");
  await expect(editor.body).toHaveAttribute("aria-activedescendant", "slash-option-tip");
  for (const [name, width] of [["phone", 390], ["desktop", 1280]] as const) {
    await page.setViewportSize({ width, height: 844 });
    await expect(list).toBeInViewport();
    await page.screenshot({ path: `e2e/screenshots/editor-slash-menu-${name}.png` });
  }
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(editor.body).not.toHaveAttribute("aria-activedescendant");
  await expect(editor.body).toHaveText("/call");

  // Not inside a word: "and/or" is text.
  await page.keyboard.press("Enter");
  await page.keyboard.type("and/");
  await expect(list).toBeHidden();
  // After a space, and Enter inserts the active block.
  await page.keyboard.type(" x /warn");
  await expect(list.getByRole("option")).toHaveText([/Callout: warning/]);
  await page.keyboard.press("Enter");
  await expect(editor.body.locator('.callout[data-callout="warning"]')).toBeVisible();
});

test("selected text gets a floating toolbar for bold, italic, strike, code and link", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.body.click();
  await page.keyboard.type("Make this bold");
  const bubble = page.getByRole("toolbar", { name: "Selected text" });
  await expect(bubble).toBeHidden();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press("Shift+ArrowLeft");
  await expect(bubble).toBeVisible();
  await bubble.getByRole("button", { name: "Bold" }).click();
  await expect(editor.body.locator("strong")).toHaveText("bold");
  await expect(bubble.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");
  await bubble.getByRole("button", { name: "Link" }).click();
  await expect(editor.linkForm).toBeVisible();
});

test("math, footnotes, embeds and a code block inserted from the slash menu survive a reload and reach readers and the feed", async ({ page, browser }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  const title = `Blocks ${unique()}`;
  await editor.title.fill(title);
  await editor.body.click();

  await page.keyboard.type("Euler wrote ");
  await slash(page, "inline");
  const latex = page.getByLabel("LaTeX source");
  await expect(latex).toBeFocused();
  await latex.fill("e^{i\\pi} + 1 = 0");
  await latex.press("Enter");
  await page.keyboard.type(" in 1748 ");
  await slash(page, "footnote");
  await page.keyboard.type("Introductio in analysin infinitorum.");
  await expect(editor.body.locator("ol.footnotes li")).toHaveText("Introductio in analysin infinitorum.");

  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await slash(page, "h2");
  await page.keyboard.type("Details");
  await page.keyboard.press("Enter");

  await slash(page, "math");
  await expect(latex).toBeFocused();
  await latex.fill("\\frac{1}{");
  await expect(editor.body.locator(".math-error")).toContainText("Cannot render");
  await latex.fill("\\int_0^1 x^2\\,dx = \\frac{1}{3}");
  await expect(editor.body.locator(".math-node-block .katex")).toBeVisible();
  await latex.press("Escape");

  await slash(page, "embed");
  const embedForm = page.getByRole("dialog", { name: "Embed" });
  await embedForm.getByLabel("Video, pen or gist URL").fill("https://evil.example/watch?v=dQw4w9WgXcQ");
  await expect(embedForm).toContainText("Not a YouTube, Vimeo, CodePen or GitHub Gist address.");
  await embedForm.getByLabel("Video, pen or gist URL").fill("https://youtu.be/dQw4w9WgXcQ");
  await embedForm.getByLabel("Title").fill("A talk on queues");
  await embedForm.getByRole("button", { name: "Insert embed" }).click();
  await expect(editor.body.locator('[data-embed-provider="youtube"]')).toContainText("https://www.youtube.com/watch?v=dQw4w9WgXcQ");

  await slash(page, "embed");
  await embedForm.getByLabel("Video, pen or gist URL").fill("https://gist.github.com/octocat/6cad326836d38bd3a7ae");
  await embedForm.getByLabel("Title").fill("Hello gist");
  await embedForm.getByRole("button", { name: "Insert embed" }).click();
  await expect(editor.body.locator('[data-embed-provider="gist"]')).toBeVisible();

  await slash(page, "code");
  await page.keyboard.type('print("hi")');
  await editor.body.getByLabel("Code language").selectOption("python");
  await editor.body.getByLabel("Filename or caption").fill("hello.py");
  await expect(editor.body.locator("pre code .hljs-string")).toHaveText('"hi"');
  await expect(page.locator("[data-word-count]")).toContainText(/\d+ words · 1 min read/);

  const slug = await publish(editor);

  await page.reload();
  await expect(editor.body.locator(".math-node-inline .katex")).toBeVisible();
  await expect(editor.body.locator(".math-node-block .katex")).toBeVisible();
  await expect(editor.body.locator("sup.footnote-ref")).toHaveCount(1);
  await expect(editor.body.locator("ol.footnotes li")).toHaveText("Introductio in analysin infinitorum.");
  await expect(editor.body.getByLabel("Code language")).toHaveValue("python");
  await expect(editor.body.getByLabel("Filename or caption")).toHaveValue("hello.py");
  await expect(editor.body.getByLabel("Title shown to readers").first()).toHaveValue("A talk on queues");

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(200);
  const article = readerPage.getByRole("article");
  await expect(article.locator(".math-inline .katex math")).toHaveCount(1);
  await expect(article.locator(".math-display .katex-display")).toBeVisible();
  const reference = article.locator("sup.footnote-ref a");
  await expect(reference).toHaveText("1");
  await reference.click();
  const note = article.getByRole("region", { name: "Footnotes" }).getByRole("listitem");
  await expect(note).toContainText("Introductio in analysin infinitorum.");
  await expect(note.getByRole("link", { name: "Back to reference 1" })).toBeVisible();
  await expect(article.getByRole("heading", { level: 2, name: "Details" })).toBeVisible();
  await expect(article.locator(".code-block-label")).toHaveText("hello.pyPython");
  await expect(article.getByRole("button", { name: "Load video from YouTube" })).toBeVisible();
  await expect(article.getByText("A talk on queues")).toBeVisible();
  await expect(article.getByRole("link", { name: "View the gist on GitHub" })).toHaveAttribute("href", "https://gist.github.com/octocat/6cad326836d38bd3a7ae");
  // KaTeX's fonts come from this site.
  const fontFaces = await readerPage.evaluate(() => [...document.fonts].filter((font) => font.family.includes("KaTeX")).length);
  expect(fontFaces).toBeGreaterThan(0);
  await reader.close();

  const rss = await (await page.request.get("/rss.xml")).text();
  const item = rss.slice(rss.indexOf(`<title><![CDATA[${title}]]></title>`));
  expect(item.length).toBeLessThan(rss.length);
  expect(item).toContain("<math");
  expect(item).toMatch(/<sup id="fnref-[\w-]+"><a href="[^"]+#fn-[\w-]+">1<\/a><\/sup>/);
  expect(item).toContain("<figcaption>hello.py</figcaption>");
  expect(item).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
  expect(item).not.toContain("<iframe");
});

test("task lists from the slash menu and from typed Markdown keep their ticks through a reload, for readers and in the feed", async ({ page, browser }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  const title = `Tasks ${unique()}`;
  await editor.title.fill(title);
  await editor.body.click();

  await slash(page, "task");
  await page.keyboard.type("Write the draft");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Check links");
  // Ticked from the keyboard: Ctrl+Enter on the item the cursor is in.
  await page.keyboard.press("Control+Enter");
  await expect(editor.taskCheckbox("Check links")).toBeChecked();
  await expect(page.locator("[data-task-announcement]")).toHaveText("Check links: done");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Nested step");
  await expect(editor.taskItem("Check links").locator('ul[data-type="taskList"] li[data-type="taskItem"]')).toHaveCount(1);
  // Enter on an empty item moves it out a level, then out of the list.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("Enter");
  await expect(editor.body.locator('ul[data-type="taskList"]')).toHaveCount(2);

  await page.keyboard.type("[ ] From Markdown");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Ticked by click");
  await editor.taskCheckbox("Ticked by click").click();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  // GitHub's "- [x] ": a bullet list, then the box.
  await page.keyboard.type("- [x] Done in Markdown");
  await expect(editor.body.locator("ul:not([data-type])")).toHaveCount(0);
  await expect(editor.taskCheckbox("Done in Markdown")).toBeChecked();
  await expect(editor.taskCheckbox("From Markdown")).not.toBeChecked();
  // GitHub reads a capital X as ticked too.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("[X] Capital X");
  await expect(editor.taskCheckbox("Capital X")).toBeChecked();
  // Ctrl+Shift+9 turns a paragraph into a task and back.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Plain again");
  await page.keyboard.press("Control+Shift+9");
  await expect(editor.taskCheckbox("Plain again")).toBeVisible();
  await expect(editor.tool("Task list")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Shift+9");
  await expect(editor.taskCheckbox("Plain again")).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const theme of ["dark", "light"] as const) {
    await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
    await page.screenshot({ path: `e2e/screenshots/editor-task-list-${theme}.png` });
  }

  const slug = await publish(editor);
  await page.reload();
  await editor.ready();
  const expected = { "Write the draft": false, "Check links": true, "Nested step": false, "From Markdown": false, "Ticked by click": true, "Done in Markdown": true, "Capital X": true };
  for (const [name, checked] of Object.entries(expected)) {
    await expect(editor.taskCheckbox(name)).toBeChecked({ checked });
  }
  await expect(editor.taskItem("Check links").locator('ul[data-type="taskList"]').getByText("Nested step", { exact: true })).toBeVisible();
  // Each item's text is read once: the box is "Done", checked or not, and no hidden copy of the text follows it.
  const tree = await editor.body.locator('ul[data-type="taskList"]').first().ariaSnapshot();
  expect(tree).toContain('- checkbox "Done" [checked]');
  expect(tree.match(/Check links/g)).toHaveLength(1);
  expect(tree.match(/Write the draft/g)).toHaveLength(1);
  await expectAccessible(page, "the editor with task lists");

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  expect((await readerPage.goto(`/blog/${slug}`))?.status()).toBe(200);
  const article = readerPage.getByRole("article");
  for (const [name, checked] of Object.entries(expected)) {
    const box = article.getByRole("checkbox", { name, exact: true });
    await expect(box).toBeChecked({ checked });
    await expect(box).toBeDisabled();
  }
  await expect(article.getByRole("list").filter({ has: readerPage.getByRole("checkbox", { name: "Write the draft" }) }).first().getByRole("listitem")).toHaveCount(3);
  await expectAccessibleAndShoot(readerPage, "reader-task-list");
  await readerPage.emulateMedia({ colorScheme: "dark" });
  await expectAccessibleAndShoot(readerPage, "reader-task-list-dark");
  await reader.close();

  const rss = await (await page.request.get("/rss.xml")).text();
  const item = rss.slice(rss.indexOf(`<title><![CDATA[${title}]]></title>`));
  expect(item.length).toBeLessThan(rss.length);
  expect(item).toContain("<li><p>☐ Write the draft</p></li><li><p>☑ Check links</p><ul><li><p>☐ Nested step</p></li></ul></li>");
  expect(item).toContain("<li><p>☑ Done in Markdown</p></li>");
  expect(item).not.toContain("<input");
});

test("an image's alt, caption and width, and a gallery, uploaded from the slash menu, reach readers and the feed", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  const title = `Figures ${unique()}`;
  await editor.title.fill(title);
  await editor.body.click();

  const chooser = page.waitForEvent("filechooser");
  await slash(page, "image");
  await (await chooser).setFiles({ name: "chart.png", mimeType: "image/png", buffer: await uniqueImage() });
  const image = editor.body.locator("img").first();
  await expect(image).toBeVisible();
  await image.click();
  const tools = page.getByRole("group", { name: "Image" });
  await tools.getByLabel("Alt text").fill("Throughput by week");
  await tools.getByLabel("Caption").fill("Figure 1: throughput");
  await tools.getByLabel("Width").selectOption("wide");
  await expect(image).toHaveAttribute("data-layout", "wide");

  await editor.body.locator("p").last().click();
  const galleryChooser = page.waitForEvent("filechooser");
  await slash(page, "gallery");
  const gallery = await galleryChooser;
  expect(gallery.isMultiple()).toBe(true);
  await gallery.setFiles(await Promise.all(["a", "b", "c"].map(async (name) => ({ name: `${name}.png`, mimeType: "image/png", buffer: await uniqueImage() }))));
  await expect(editor.body.locator(".gallery img")).toHaveCount(3);

  const slug = await publish(editor);
  await page.goto(`/blog/${slug}`);
  const article = page.getByRole("article");
  const figure = article.locator("figure.figure-wide");
  await expect(figure.getByRole("img", { name: "Throughput by week" })).toBeVisible();
  await expect(figure.locator("figcaption")).toHaveText("Figure 1: throughput");
  await expect(article.locator(".gallery figure img")).toHaveCount(3);
  for (const img of await article.locator(".gallery img").all()) expect(await img.getAttribute("alt")).not.toBeNull();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  // Uploads are <picture>s (AVIF, WebP, the original); the picture takes no box, so the figure and gallery rules size the <img> as before.
  await expect(article.locator('picture source[type="image/avif"]')).toHaveCount(4);
  const wide = await figure.evaluate((element) => [element.getBoundingClientRect().width, element.querySelector("img")!.getBoundingClientRect().width]);
  expect(Math.abs(wide[0]! - wide[1]!)).toBeLessThan(1);
  const tiles = await article.locator(".gallery img").evaluateAll((images) => images.map((img) => img.getBoundingClientRect()).map((box) => ({ width: box.width, height: box.height, top: box.top })));
  for (const tile of tiles) {
    expect(tile.width).toBeGreaterThan(100);
    expect(Math.abs(tile.width - tile.height)).toBeLessThan(1);
  }
  expect(new Set(tiles.map((tile) => Math.round(tile.top))).size).toBe(1);
  await expectAccessibleAndShoot(page, "reader-figures");

  const rss = await (await page.request.get("/rss.xml")).text();
  const item = rss.slice(rss.indexOf(`<title><![CDATA[${title}]]></title>`));
  expect(item.length).toBeLessThan(rss.length);
  expect(item).toContain('<figure data-layout="wide">');
  expect(item).toContain("<figcaption>Figure 1: throughput</figcaption>");
  // Feeds keep a plain <img> of the original, which every reader app shows.
  const feedItem = item.slice(0, item.indexOf("</item>"));
  expect(feedItem).toMatch(/<img src="http[^"]+\/media\/[a-f0-9]{24}\.png"/);
  expect(feedItem).not.toMatch(/<picture|\.avif|\.webp/);
});

test("a gallery upload with a file that is not an image makes the gallery of the others and says which failed, inline", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.body.click();
  const chooser = page.waitForEvent("filechooser");
  await slash(page, "gallery");
  await (await chooser).setFiles([
    { name: "one.png", mimeType: "image/png", buffer: await uniqueImage() },
    { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just text, renamed") },
    { name: "two.png", mimeType: "image/png", buffer: await uniqueImage() },
  ]);
  await expect(editor.body.locator(".gallery img")).toHaveCount(2);
  const uploads = page.getByRole("list", { name: "Uploads" });
  const failure = uploads.getByRole("alert");
  await expect(failure).toHaveText(/^notes\.png was not uploaded\. This file is not an image that can be uploaded/);
  await expect(failure).toHaveCount(1);
  await uploads.screenshot({ path: "e2e/screenshots/editor-gallery-upload-error.png" });
  await failure.getByRole("button", { name: "Dismiss message about notes.png" }).click();
  await expect(uploads).toBeHidden();
  expect(dialogs).toEqual([]);
});

test("an embed loads nothing from its provider until the reader clicks, then a sandboxed frame", async ({ browser }) => {
  const author = signedInUsers().author;
  const post = await createRichPost({
    authorId: author.id,
    title: `Embed ${unique()}`,
    tagNames: ["Tooling"],
    blocks: [{ type: "paragraph", content: [{ type: "text", text: "Watch this." }] }, { type: "embed", attrs: { provider: "youtube", id: "dQw4w9WgXcQ", title: "A talk" } }],
  });
  const context = await browser.newContext({ storageState: undefined });
  const thirdParty: string[] = [];
  await context.route(/youtube|ytimg|googlevideo|vimeo|codepen|gstatic/, (route) => {
    thirdParty.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>player</title>" });
  });
  const page = await context.newPage();
  const response = await page.goto(`/blog/${post.slug}`, { waitUntil: "load" });
  expect(response?.headers()["content-security-policy"]).toContain("frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://codepen.io;");
  await expect(page.getByRole("button", { name: "Load video from YouTube" })).toBeVisible();
  expect(thirdParty).toEqual([]);
  await page.getByRole("button", { name: "Load video from YouTube" }).click();
  const frame = page.locator("iframe.embed-frame");
  await expect(frame).toHaveAttribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
  await expect(frame).toHaveAttribute("sandbox", /allow-scripts/);
  await expect(frame).toHaveAttribute("title", "A talk");
  await expect.poll(() => thirdParty).toEqual(["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]);
  await context.close();
});

test("a reader page with every block passes axe, at 390 and 1280 pixels", async ({ browser }) => {
  const author = signedInUsers().author;
  const text = (value: string) => ({ type: "text", text: value });
  const p = (...content: object[]) => ({ type: "paragraph", content });
  const img = (alt: string, extra: object = {}) => ({ type: "image", attrs: { src: "/demo/latency-budget.png", alt, ...extra } });
  const post = await createRichPost({
    authorId: author.id,
    title: `Every block ${unique()}`,
    tagNames: ["Tooling"],
    blocks: [
      p(text("Inline math "), { type: "mathInline", attrs: { latex: "a^2+b^2=c^2" } }, text(" and a note"), { type: "footnoteReference", attrs: { id: "n1" } }, text(".")),
      { type: "heading", attrs: { level: 2 }, content: [text("Blocks")] },
      { type: "mathBlock", attrs: { latex: "\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}" } },
      { type: "mathBlock", attrs: { latex: "\\frac{1}{" } },
      { type: "codeBlock", attrs: { language: "typescript", filename: "src/queue.ts" }, content: [text("export const size = 10;")] },
      { type: "callout", attrs: { kind: "tip" }, content: [p(text("A tip."))] },
      { type: "details", content: [{ type: "detailsSummary", content: [text("More")] }, { type: "detailsContent", content: [p(text("Hidden."))] }] },
      img("A wide figure", { caption: "Wide caption", layout: "wide" }),
      img("A full figure", { caption: "Full caption", layout: "full" }),
      { type: "gallery", content: [img("One"), img("Two"), img("Three")] },
      { type: "embed", attrs: { provider: "youtube", id: "dQw4w9WgXcQ", title: "A talk" } },
      { type: "embed", attrs: { provider: "vimeo", id: "76979871", title: "A film" } },
      { type: "embed", attrs: { provider: "codepen", id: "someone/PoaRmBX", title: "A pen" } },
      { type: "embed", attrs: { provider: "gist", id: "octocat/6cad326836d38bd3a7ae", title: "A gist" } },
      { type: "footnotes", content: [{ type: "footnote", attrs: { id: "n1" }, content: [p(text("The note."))] }] },
    ],
  });
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  expect((await page.goto(`/blog/${post.slug}`))?.status()).toBe(200);
  await expect(page.locator(".math-display .katex")).toHaveCount(1);
  await expect(page.locator(".math-error")).toHaveText("\\frac{1}{");
  await expectAccessibleAndShoot(page, "reader-every-block");
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await context.close();
});
