import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { EditorPage } from "./pages/editor-page";
import { testDb } from "./support/db";
import { createPost } from "./support/factories";
import { createRichPost, image, paragraph, unique } from "./support/post-page";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

const run = promisify(execFile);

/** A PNG or JPEG no other test uploads (its own colour and size), so its content-hashed key is its own. */
async function uniqueImage(format: "png" | "jpeg", width = 800, height = 500): Promise<Buffer> {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  const base = sharp({ create: { width: width + randomInt(40), height, channels: 3, background } });
  return format === "png" ? base.png().toBuffer() : base.jpeg().toBuffer();
}

/** WCAG 2.1 A/AA problems axe finds on the page, as "rule: targets". */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`);
}

/** The tag pointing at EXIF's GPS block (0x8825), in either byte order. */
const hasGpsPointer = (exif: Buffer | undefined) =>
  exif !== undefined && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

/** Uploads through the endpoint as the editor does; the page's context carries the session cookie. */
async function uploadViaApi(page: Page, bytes: Buffer, name: string) {
  const response = await page.request.post("/api/media", {
    data: bytes,
    headers: { "Content-Type": "application/octet-stream", "x-upload-name": encodeURIComponent(name) },
  });
  return { status: response.status(), body: (await response.json()) as { ok: boolean; error?: string; data?: { id: string; src: string; width: number; height: number } } };
}

const author = () => signedInUsers().author;

/** Dispatches a paste or a drop of `file` on the editor, as a browser does for a file from the desktop or clipboard. */
async function sendFile(page: Page, kind: "paste" | "drop", bytes: Buffer, name: string, type: string) {
  await page.locator(".ProseMirror").filter({ visible: true }).evaluate(
    (element, { kind, base64, name, type }) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      const box = element.getBoundingClientRect();
      const event =
        kind === "paste"
          ? new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true })
          : new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: box.left + 20, clientY: box.top + 20 });
      element.dispatchEvent(event);
    },
    { kind, base64: bytes.toString("base64"), name, type },
  );
}

test("an author uploads a PNG with the file picker, publishes, and readers get a <picture> of AVIF and WebP copies that Chromium loads as AVIF", async ({ page }) => {
  const post = await createPost({ authorId: author().id, title: `Uploads ${unique()}` });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.getByTestId("image-upload-input").first().setInputFiles({ name: "architecture diagram.png", mimeType: "image/png", buffer: await uniqueImage("png") });

  const inserted = editor.body.locator('img[src^="/media/"]');
  await expect(inserted).toHaveCount(1);
  const src = await inserted.getAttribute("src");
  expect(src).toMatch(/^\/media\/[a-f0-9]{24}\.png$/);
  await editor.publishButton.click();
  await expect(page.getByText("Published.", { exact: true }).filter({ visible: true })).toBeVisible();

  // The image request Chromium makes for the picture, whichever file it picks.
  const base = src!.replace(/\.png$/, "");
  const imageResponse = page.waitForResponse((response) => response.url().includes(`${base}-`) && response.request().resourceType() === "image");
  await page.goto(`/blog/${post.slug}`);
  const picture = page.locator("article picture").filter({ has: page.locator(`img[src="${src}"]`) });
  const shown = picture.locator("img");
  await expect(shown).toBeVisible();
  const width = Number(await shown.getAttribute("width"));
  expect(width).toBeGreaterThanOrEqual(800);
  await expect(shown).toHaveAttribute("height", "500");
  // The <img> keeps the original for browsers that read neither format; the sources carry the copies.
  await expect(shown).not.toHaveAttribute("srcset");
  const sources = picture.locator("source");
  await expect(sources).toHaveCount(2);
  await expect(sources.nth(0)).toHaveAttribute("type", "image/avif");
  await expect(sources.nth(1)).toHaveAttribute("type", "image/webp");
  for (const [index, ext] of [[0, "avif"], [1, "webp"]] as const) {
    const source = sources.nth(index);
    await expect(source).toHaveAttribute("sizes", /45\.5rem/);
    const candidates = ((await source.getAttribute("srcset")) ?? "").split(", ").map((candidate) => candidate.split(" "));
    expect(candidates.map(([, descriptor]) => descriptor)).toEqual(["320w", "640w", `${width}w`]);
    for (const [url] of candidates) expect(url).toMatch(new RegExp(`^${base}-\\d+\\.${ext}$`));
  }

  const loaded = await imageResponse;
  expect(loaded.status()).toBe(200);
  expect(loaded.headers()["content-type"]).toBe("image/avif");
  expect(loaded.url()).toMatch(/-\d+\.avif$/);
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc)).toMatch(/-\d+\.avif$/);

  const original = await page.request.get(src!);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-type"]).toBe("image/png");
  expect(original.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(original.headers()["x-content-type-options"]).toBe("nosniff");
  for (const [ext, type] of [["avif", "image/avif"], ["webp", "image/webp"]] as const) {
    const copy = await page.request.get(`${base}-320.${ext}`);
    expect(copy.status()).toBe(200);
    expect(copy.headers()["content-type"]).toBe(type);
    expect(copy.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await sharp(await copy.body()).metadata()).width).toBe(320);
  }

  for (const [name, size] of [["390", { width: 390, height: 844 }], ["1280", { width: 1280, height: 900 }]] as const) {
    await page.setViewportSize(size);
    await shown.scrollIntoViewIfNeeded();
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: `e2e/screenshots/reader-uploaded-image-${name}.png` });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

test("an upload from before AVIF copies shows no AVIF source until the backfill has made them, and then shows it", async ({ page }) => {
  const uploaded = await uploadViaApi(page, await uniqueImage("jpeg", 700, 400), "older.jpg");
  expect(uploaded.status).toBe(201);
  const { id, src } = uploaded.body.data!;
  const base = src.replace(/\.jpg$/, "");
  // As uploads were before AVIF copies: no AVIF file, none on the row.
  const mediaDir = path.resolve(process.env.MEDIA_DIR || ".data/media");
  const row = await testDb().media.findUniqueOrThrow({ where: { id }, select: { variants: true } });
  const variants = row.variants as { key: string }[];
  for (const variant of variants.filter((v) => v.key.endsWith(".avif"))) await rm(path.join(mediaDir, variant.key));
  await testDb().media.update({ where: { id }, data: { variants: variants.filter((v) => v.key.endsWith(".webp")) } });
  expect((await page.request.get(`${base}-320.avif`)).status()).toBe(404);

  const post = await createRichPost({ authorId: author().id, title: `Older upload ${unique()}`, blocks: [paragraph("Before AVIF:"), image(src, "A field")] });
  await page.goto(`/blog/${post.slug}`);
  const picture = page.locator("article picture").filter({ has: page.locator(`img[src="${src}"]`) });
  await expect(picture.locator("img")).toBeVisible();
  await expect(picture.locator("source")).toHaveCount(1);
  await expect(picture.locator("source")).toHaveAttribute("type", "image/webp");
  // Every file the page names exists.
  const named = await page.locator("article").evaluate((article) => [...article.querySelectorAll("img, source")].flatMap((element) => [element.getAttribute("src"), ...(element.getAttribute("srcset") ?? "").split(", ").map((candidate) => candidate.split(" ")[0])]));
  const files = [...new Set(named.filter((url): url is string => Boolean(url?.startsWith("/media/"))))];
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const file of files) expect((await page.request.get(file)).status(), file).toBe(200);

  // README: the backfill, queued by hand; the running server works it and expires the page.
  const { stdout } = await run("npm", ["run", "media:backfill"]);
  expect(stdout).toMatch(/Queued the media backfill|already waiting/);
  await expect
    .poll(async () => {
      await page.goto(`/blog/${post.slug}`);
      return picture.locator("source").first().getAttribute("type");
    }, { timeout: 45_000 })
    .toBe("image/avif");
  const avif = await page.request.get(`${base}-320.avif`);
  expect(avif.status()).toBe(200);
  expect(avif.headers()["content-type"]).toBe("image/avif");
});

test("pasting and dropping image files uploads them and inserts the images", async ({ page }) => {
  const post = await createPost({ authorId: author().id, title: `Paste and drop ${unique()}` });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await sendFile(page, "paste", await uniqueImage("png", 400, 300), "screenshot.png", "image/png");
  await expect(editor.body.locator('img[src^="/media/"]')).toHaveCount(1);
  await sendFile(page, "drop", await uniqueImage("jpeg", 500, 300), "photo.jpg", "image/jpeg");
  await expect(editor.body.locator('img[src^="/media/"]')).toHaveCount(2);
  await expect(editor.body.locator('img[src$=".jpg"]')).toHaveCount(1);
  await expect(page.locator("[data-upload-placeholder]")).toHaveCount(0);
  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");
  const stored = await testDb().post.findUniqueOrThrow({ where: { id: post.id }, select: { content: true, media: { select: { mediaId: true } } } });
  expect(JSON.stringify(stored.content).match(/\/media\/[a-f0-9]{24}\.(png|jpg)/g)).toHaveLength(2);
  expect(stored.media).toHaveLength(2);
});

test("a fake image, an oversized file and an SVG with a script are refused, each with its reason", async ({ page }) => {
  const post = await createPost({ authorId: author().id, title: `Refusals ${unique()}` });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  const picker = page.getByTestId("image-upload-input").first();
  const uploads = page.getByRole("list", { name: "Uploads" });

  await picker.setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: Buffer.from("Not a picture at all, just text renamed to .png\n") });
  await expect(uploads.getByRole("alert")).toContainText("holiday.png was not uploaded. This file is not an image that can be uploaded (whatever its name says). Use JPEG, PNG, WebP, AVIF or GIF.");

  await picker.setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
  await expect(uploads.getByRole("alert").filter({ hasText: "huge.jpg" })).toContainText("images up to 10 MB can be uploaded");

  const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>';
  await picker.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(svg) });
  await expect(uploads.getByRole("alert").filter({ hasText: "logo.svg" })).toContainText("SVG files are not accepted: they can contain scripts");

  await expect(editor.body.locator("img")).toHaveCount(0);
  await uploads.getByRole("button", { name: "Dismiss message about holiday.png" }).click();
  await expect(uploads.getByRole("alert")).toHaveCount(2);

  // The server holds the same limits for any client, not only the editor's checks.
  const oversized = await uploadViaApi(page, Buffer.alloc(10 * 1024 * 1024 + 1, 1), "huge.jpg");
  expect(oversized.status).toBe(413);
  expect(oversized.body.error).toContain("10 MB");
  expect((await uploadViaApi(page, Buffer.from(svg), "logo.png")).status).toBe(415);
});

test("no stored file keeps the EXIF (GPS included) of an uploaded photo, and its orientation is applied", async ({ page }) => {
  const photo = await sharp({ create: { width: 1200 + randomInt(40), height: 700, channels: 3, background: { r: randomInt(256), g: 90, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" } })
    .toBuffer();
  expect(hasGpsPointer((await sharp(photo).metadata()).exif)).toBe(true);

  const { status, body } = await uploadViaApi(page, photo, "IMG_0042.jpg");
  expect(status).toBe(201);
  // Orientation 6 turns the 1200-odd × 700 pixels upright: 700 wide.
  expect(body.data).toMatchObject({ width: 700 });
  const row = await testDb().media.findUniqueOrThrow({ where: { id: body.data!.id }, select: { key: true, originalName: true, variants: true } });
  expect(row.originalName).toBe("IMG_0042.jpg");
  const keys = [row.key, ...(row.variants as { key: string }[]).map((variant) => variant.key)];
  expect(keys.length).toBeGreaterThanOrEqual(3);
  for (const key of keys) {
    expect(key).not.toContain("IMG");
    const response = await page.request.get(`/media/${key}`);
    expect(response.status()).toBe(200);
    const meta = await sharp(await response.body()).metadata();
    expect(meta.exif, key).toBeUndefined();
    expect(meta.xmp, key).toBeUndefined();
    expect(meta.width! < meta.height!, key).toBe(true);
  }
});

test("uploads and unknown or crafted media paths are refused as they should be", async ({ browser, page }) => {
  const before = await testDb().media.count();
  const signedOut = await browser.newContext({ storageState: undefined });
  const response = await signedOut.request.post("/api/media", { data: await uniqueImage("png"), headers: { "Content-Type": "application/octet-stream" } });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  await signedOut.close();

  const crossSite = await page.request.post("/api/media", { data: await uniqueImage("png"), headers: { "Content-Type": "application/octet-stream", Origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  expect(await testDb().media.count()).toBe(before);

  for (const path of ["/media/ffffffffffffffffffffffff.png", "/media/..%2F..%2Fpackage.json", "/media/..%5Cauth-secret", "/media/auth-secret"]) {
    const answer = await page.request.get(path);
    expect(answer.status(), path).toBe(404);
  }
});

test("the media library lists files with their posts, edits alt text that readers then get, refuses to delete a used file and deletes an unused one", async ({ page }) => {
  const marker = `lib${unique()}`;
  const used = await uploadViaApi(page, await uniqueImage("png", 640, 400), `${marker}-used.png`);
  const unused = await uploadViaApi(page, await uniqueImage("jpeg", 500, 400), `${marker}-spare.jpg`);
  expect([used.status, unused.status]).toEqual([201, 201]);
  const post = await createRichPost({ authorId: author().id, title: `Library ${marker}`, blocks: [paragraph("Figure:"), image(used.body.data!.src, "")] });

  await page.goto(`/admin/media?q=${marker}`);
  const files = page.getByRole("list", { name: "Media files" });
  await expect(files.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) })).toHaveCount(2);
  const usedCard = files.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `${marker}-used.png` }) });
  const spareCard = files.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `${marker}-spare.jpg` }) });
  await expect(usedCard.getByRole("link", { name: post.title })).toHaveAttribute("href", `/admin/posts/${post.id}`);
  await expect(spareCard).toContainText("Not used in any post");

  await page.goto(`/blog/${post.slug}`);
  await expect(page.locator(`article img[src="${used.body.data!.src}"]`)).toHaveAttribute("alt", "");
  await page.goto(`/admin/media?q=${marker}`);
  await usedCard.getByLabel(`Alt text for ${marker}-used.png`).fill("Request flow through the cache");
  await usedCard.getByRole("button", { name: `Save alt text for ${marker}-used.png` }).click();
  await expect(usedCard.getByRole("status")).toHaveText("Alt text saved.");
  await page.goto(`/admin/media?q=${encodeURIComponent("request flow")}`);
  await expect(page.getByRole("heading", { name: `${marker}-used.png` })).toBeVisible();
  await page.goto(`/blog/${post.slug}`);
  await expect(page.locator(`article img[src="${used.body.data!.src}"]`)).toHaveAttribute("alt", "Request flow through the cache");

  await page.goto(`/admin/media?q=${marker}`);
  page.on("dialog", (dialog) => void dialog.accept());
  await usedCard.getByRole("button", { name: `Delete ${marker}-used.png` }).click();
  await expect(usedCard.getByRole("alert")).toHaveText(`"${marker}-used.png" cannot be deleted: it is used by the post "${post.title}". Remove it from there first.`);
  await spareCard.getByRole("button", { name: `Delete ${marker}-spare.jpg` }).click();
  await expect(spareCard).toHaveCount(0);
  await expect(usedCard).toHaveCount(1);
  expect((await page.request.get(unused.body.data!.src)).status()).toBe(404);
  expect((await page.request.get(used.body.data!.src)).status()).toBe(200);
});

test("a feature image with alt text and caption reaches the reader page", async ({ page }) => {
  const post = await createRichPost({ authorId: author().id, title: `Feature ${unique()}`, blocks: [paragraph("Body.")] });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  const settings = page.getByRole("complementary", { name: "Post settings" });
  await settings.getByLabel("Feature image file").setInputFiles({ name: "cover.jpg", mimeType: "image/jpeg", buffer: await uniqueImage("jpeg", 1400, 733) });
  await expect(settings.getByText("Feature image saved.")).toBeVisible();
  await settings.getByLabel("Feature image alt text").fill("A harbour at dawn");
  await settings.getByLabel("Feature image caption").fill("Photo: the author");
  await settings.getByRole("button", { name: "Save alt text and caption" }).click();
  await expect(settings.getByText("Alt text and caption saved.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`/blog/${post.slug}`);
  const figure = page.locator("article figure").first();
  const cover = figure.getByRole("img", { name: "A harbour at dawn" });
  await expect(cover).toHaveAttribute("src", /^\/media\/[a-f0-9]{24}\.jpg$/);
  await expect(figure.locator('picture source[type="image/avif"]')).toHaveAttribute("srcset", /-320\.avif 320w/);
  await expect(figure.locator('picture source[type="image/webp"]')).toHaveAttribute("srcset", /-320\.webp 320w/);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.currentSrc)).toMatch(/\.avif$/);
  await expect(figure.locator("figcaption")).toHaveText("Photo: the author");
});

test("the media library works at 390 px without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const marker = `narrow${unique()}`;
  await uploadViaApi(page, await uniqueImage("png", 900, 400), `${marker}-a-rather-long-file-name-from-a-camera-roll.png`);
  await page.goto(`/admin/media?q=${marker}`);
  await expect(page.getByRole("heading", { name: new RegExp(marker) })).toBeVisible();
  await page.screenshot({ path: "/tmp/media-library-390.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("Search media").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Search" })).toBeFocused();
});
