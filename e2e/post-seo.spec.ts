import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { EditorPage } from "./pages/editor-page";
import { expectAccessibleAndShoot } from "./support/a11y";
import { createRichPost, paragraph, unique } from "./support/post-page";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

async function uniqueImage(): Promise<Buffer> {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  return sharp({ create: { width: 1200 + randomInt(40), height: 630, channels: 3, background } }).png().toBuffer();
}

test("search and social settings set in the editor reach the reader page's head", async ({ page, browser, baseURL }) => {
  // A long journey (upload, save, reload, reader page): it outgrew the default minute on a busy machine.
  test.slow();
  const post = await createRichPost({ authorId: signedInUsers().author.id, title: `Settings ${unique()}`, blocks: [paragraph("The body of a post about settings.")] });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  const settings = page.getByRole("complementary", { name: "Post settings" });
  const panel = settings.getByRole("region", { name: "Search and social" });

  const metaTitle = `Meta ${unique()}`;
  await panel.getByLabel("Meta title").fill(metaTitle);
  await expect(panel.getByText(`${metaTitle.length} characters of about 60 shown in search results`)).toBeVisible();
  await panel.getByLabel("Meta description").fill("A description written for search results, shorter than the excerpt.");
  const preview = panel.getByRole("figure", { name: "Search result preview" });
  await expect(preview).toContainText(metaTitle);
  await expect(preview).toContainText("A description written for search results");
  await panel.getByLabel("Meta title").fill(`${metaTitle} ${"long ".repeat(12)}`);
  await expect(panel.getByText(/search results show about 60/)).toBeVisible();
  await panel.getByLabel("Meta title").fill(metaTitle);

  // Unsafe or relative canonical URLs are refused before and at saving.
  await panel.getByLabel("Canonical URL").fill("javascript:alert(1)");
  await expect(panel.getByText("Must be a full http:// or https:// address.")).toBeVisible();
  await panel.getByRole("button", { name: "Save settings" }).click();
  await expect(panel.getByRole("alert")).toHaveText("The canonical URL must be a full http:// or https:// address.");
  await panel.getByLabel("Canonical URL").fill("https://origin.example/essays/settings");
  await expect(panel.getByText("Search engines are told the original is https://origin.example/essays/settings")).toBeVisible();

  await panel.getByLabel("Social title").fill("Shared under this title");
  await panel.getByLabel("Social description").fill("What the card says.");
  await panel.getByLabel("Social image file").setInputFiles({ name: "card.png", mimeType: "image/png", buffer: await uniqueImage() });
  await expect(panel.getByRole("img", { name: "Social image", exact: true })).toHaveAttribute("src", /^\/media\/[a-f0-9]+\.png$/);
  const imageSrc = await panel.getByRole("img", { name: "Social image", exact: true }).getAttribute("src");
  // Back-dated, as when a post moves from another site.
  await panel.getByLabel(/Publish date/).fill("2023-04-05T06:07");
  await panel.getByRole("button", { name: "Save settings" }).click();
  await expect(panel.getByText("Settings saved.")).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await panel.scrollIntoViewIfNeeded();
  await expectAccessibleAndShoot(page, "post-settings-panel");

  // Kept across a reload.
  await page.reload();
  await expect(panel.getByLabel("Meta title")).toHaveValue(metaTitle);
  await expect(panel.getByLabel("Canonical URL")).toHaveValue("https://origin.example/essays/settings");
  await expect(panel.getByLabel(/Publish date/)).toHaveValue("2023-04-05T06:07");

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  expect((await readerPage.goto(`/blog/${post.slug}`))?.status()).toBe(200);
  await expect(readerPage).toHaveTitle(new RegExp(`^${metaTitle} — `));
  const meta = (selector: string) => readerPage.locator(`head ${selector}`).first();
  await expect(meta('meta[name="description"]')).toHaveAttribute("content", "A description written for search results, shorter than the excerpt.");
  await expect(meta('link[rel="canonical"]')).toHaveAttribute("href", "https://origin.example/essays/settings");
  await expect(meta('meta[property="og:title"]')).toHaveAttribute("content", "Shared under this title");
  await expect(meta('meta[property="og:description"]')).toHaveAttribute("content", "What the card says.");
  await expect(meta('meta[property="og:image"]')).toHaveAttribute("content", `${baseURL}${imageSrc}`);
  await expect(meta('meta[name="twitter:title"]')).toHaveAttribute("content", "Shared under this title");
  await expect(meta('meta[property="article:published_time"]')).toHaveAttribute("content", "2023-04-05T06:07:00.000Z");
  const jsonLd = JSON.parse((await readerPage.locator('script[type="application/ld+json"]').first().textContent()) ?? "null");
  const posting = (Array.isArray(jsonLd) ? jsonLd : [jsonLd]).find((item: { "@type": string }) => item["@type"] === "BlogPosting");
  expect(posting).toMatchObject({ datePublished: "2023-04-05T06:07:00.000Z", description: "A description written for search results, shorter than the excerpt.", url: "https://origin.example/essays/settings" });
  await reader.close();
});

test("the settings panel fits a 390 px screen", async ({ page }) => {
  const post = await createRichPost({ authorId: signedInUsers().author.id, title: `Narrow settings ${unique()}`, blocks: [paragraph("Body.")] });
  await page.setViewportSize({ width: 390, height: 844 });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  const panel = page.getByRole("region", { name: "Search and social" });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByLabel("Meta title")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await panel.screenshot({ path: "e2e/screenshots/post-settings-panel-section-phone.png" });
});
