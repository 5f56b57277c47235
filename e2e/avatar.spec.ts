import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createPostWithTags, createStaffMember, signedInContext } from "./support/staff";

test.use({ storageState: { cookies: [], origins: [] } });

/** A photo no other test uploads (its own colours), taller than wide so the square crop shows. */
async function photo(): Promise<Buffer> {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  return sharp({ create: { width: 600, height: 900 + randomInt(50), channels: 3, background } }).jpeg().toBuffer();
}

test("an author uploads a profile photo, readers see it on the author page and the post, and it can be removed", async ({ browser }) => {
  test.setTimeout(150_000);
  const author = await createStaffMember("AUTHOR");
  const post = await createPostWithTags({ authorId: author.id, title: `Photo byline ${randomInt(1_000_000)}` });
  const { context, page } = await signedInContext(browser, author);

  await page.goto("/admin/profile");
  const section = page.getByRole("region", { name: "Profile photo" });
  await section.getByLabel("Upload a photo").setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("Only text, named like a photo.\n") });
  await expect(section.getByRole("alert")).toContainText("not an image");
  await expect(section.getByTestId("avatar-image")).toHaveCount(0);

  await section.getByLabel("Upload a photo").setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: await photo() });
  await expect(section.getByRole("status")).toHaveText("Photo saved.");
  const image = section.getByTestId("avatar-image");
  await expect(image).toBeVisible();
  const src = (await image.getAttribute("src"))!;
  expect(src).toMatch(/^\/media\/avatar-[a-f0-9]{24}\.webp$/);
  const file = await page.request.get(src);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("image/webp");
  const meta = await sharp(await file.body()).metadata();
  expect([meta.width, meta.height]).toEqual([256, 256]);
  await page.screenshot({ path: "/tmp/avatar-profile-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/avatar-profile-390.png", fullPage: true });

  const reader = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/author/${author.slug}`);
  await expect(readerPage.getByTestId("author-photo")).toHaveAttribute("src", src);
  await readerPage.goto(`/blog/${post.slug}`);
  await expect(readerPage.getByRole("complementary", { name: "About the author" }).locator("img")).toHaveAttribute("src", src);
  await readerPage.screenshot({ path: "/tmp/avatar-post.png" });

  await section.getByRole("button", { name: "Remove photo" }).click();
  await expect(section.getByRole("status")).toHaveText("Photo removed.");
  await expect(section.getByTestId("avatar-image")).toHaveCount(0);
  await readerPage.goto(`/author/${author.slug}`);
  await expect(readerPage.getByRole("heading", { level: 1 })).toContainText(author.name);
  await expect(readerPage.getByTestId("author-photo")).toHaveCount(0);
  await reader.close();
  await context.close();
});
