/**
 * Tag management and staff profiles in the admin: who may use them, what readers see afterwards, how bad
 * input is reported, and that the pages are accessible (axe, keyboard) on a phone and a desktop.
 */
import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext } from "@playwright/test";
import { testDb } from "./support/db";
import { createPostWithTags, createStaffMember, createStaffTag, signedInContext } from "./support/staff";
import { storageStatePath } from "./support/users";
import { authorPath, postPath, tagPath } from "../lib/paths";
import { expectAccessibleAndShoot } from "./support/a11y";

test.describe("an editor", () => {
  test("renames a tag and describes it, using the keyboard; readers see both on the next request", async ({ browser }) => {
    const editorUser = await createStaffMember("EDITOR");
    const tag = await createStaffTag("Observability");
    const writer = await createStaffMember("AUTHOR");
    const post = await createPostWithTags({ authorId: writer.id, title: `Tracing in practice ${Date.now()}`, tagIds: [tag.id] });
    const { context, page } = await signedInContext(browser, editorUser);

    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Tags" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: tag.name });
    await expect(row).toContainText("1 post");
    await expectAccessibleAndShoot(page, "admin-tags");

    await row.getByRole("link", { name: tag.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit tag" })).toBeVisible();
    await expectAccessibleAndShoot(page, "admin-tag-edit");

    const newName = `Tracing ${Date.now()}`;
    const name = page.getByLabel("Name");
    await name.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(newName);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Slug")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Description")).toBeFocused();
    await page.keyboard.type("Spans, traces and the questions they answer.");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Save" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("Saved. Readers see the change now.");
    // The slug stays: renaming alone must not break links to the tag page.
    await expect(page.getByLabel("Slug")).toHaveValue(tag.slug);

    const reader = await browser.newContext({ storageState: undefined });
    const readerPage = await reader.newPage();
    await readerPage.goto(tagPath(tag.slug));
    await expect(readerPage.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    await expect(readerPage.getByText("Spans, traces and the questions they answer.")).toBeVisible();
    await readerPage.goto(postPath(post.slug));
    await expect(readerPage.getByRole("list", { name: "Tags" })).toHaveText(`Posts tagged ${newName}`);
    await reader.close();
    await context.close();
  });

  test("deletes a tag after confirming; the post keeps everything else", async ({ browser }) => {
    const editorUser = await createStaffMember("EDITOR");
    const [doomed, kept] = [await createStaffTag("Doomed"), await createStaffTag("Kept")];
    const writer = await createStaffMember("AUTHOR");
    const post = await createPostWithTags({ authorId: writer.id, title: `Loses a tag ${Date.now()}`, tagIds: [doomed.id, kept.id] });
    const { context, page } = await signedInContext(browser, editorUser);

    await page.goto(`/admin/tags/${doomed.id}`);
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain("removed from 1 post");
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "Delete tag" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/tags/${doomed.id}$`));
    expect(await testDb().tag.findUnique({ where: { id: doomed.id } })).not.toBeNull();

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete tag" }).click();
    await expect(page).toHaveURL(/\/admin\/tags$/);
    await expect(page.getByRole("row").filter({ hasText: kept.name })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: doomed.name })).toHaveCount(0);

    const reader = await browser.newContext({ storageState: undefined });
    const readerPage = await reader.newPage();
    await readerPage.goto(postPath(post.slug));
    await expect(readerPage.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
    await expect(readerPage.getByRole("list", { name: "Tags" })).toHaveText(`Posts tagged ${kept.name}`);
    const gone = await readerPage.goto(tagPath(doomed.slug));
    expect(gone?.status()).toBe(404);
    await reader.close();
    await context.close();
  });
});

for (const role of ["author", "contributor"] as const) {
  test.describe(`as an ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });

    test("tag management is not found and not in the navigation", async ({ page }) => {
      const tag = await createStaffTag("Off limits");
      await page.goto("/admin");
      const nav = page.getByRole("navigation", { name: "Admin" });
      await expect(nav.getByRole("link", { name: "Profile" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Tags" })).toHaveCount(0);
      await page.goto("/admin/tags");
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await page.goto(`/admin/tags/${tag.id}`);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByLabel("Name")).toHaveCount(0);
    });
  });
}

test("the tag actions refuse an author even when called from the form", async ({ browser }) => {
  // The form is only rendered for editors, so an editor opens it and the session is then swapped for an
  // author's: the action must check the role itself rather than trust the page that called it.
  const editorUser = await createStaffMember("EDITOR");
  const tag = await createStaffTag("Guarded");
  const { context, page } = await signedInContext(browser, editorUser);
  await page.goto(`/admin/tags/${tag.id}`);
  await expect(page.getByLabel("Name")).toHaveValue(tag.name);

  const authorState = JSON.parse(readFileSync(storageStatePath("author"), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await context.clearCookies();
  await context.addCookies(authorState.cookies);

  // Next's route announcer is an alert too; the form's own alert is the one with the refusal.
  const refusal = page.getByRole("alert").filter({ hasText: "You do not have permission to do that." });
  await page.getByLabel("Name").fill("Hijacked");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(refusal).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete tag" }).click();
  await expect(refusal).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/admin/tags/${tag.id}$`));
  expect(await testDb().tag.findUnique({ where: { id: tag.id }, select: { name: true } })).toEqual({ name: tag.name });
  await context.close();
});

test.describe("an author's own profile", () => {
  test("bio and website show on their post page and author page", async ({ browser }) => {
    const author = await createStaffMember("AUTHOR");
    const post = await createPostWithTags({ authorId: author.id, title: `Profiles in practice ${Date.now()}` });
    const { context, page } = await signedInContext(browser, author);

    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(author.name);
    await expectAccessibleAndShoot(page, "admin-profile");

    const bio = `Writes about queues and backpressure. ${Date.now()}`;
    await page.getByLabel("Bio").fill(bio);
    await page.getByLabel("Website").fill("https://example.com/queues");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toHaveText("Profile saved. Readers see the change now.");

    const reader = await browser.newContext({ storageState: undefined });
    const readerPage = await reader.newPage();
    await readerPage.goto(postPath(post.slug));
    await expect(readerPage.getByRole("complementary", { name: "About the author" })).toContainText(bio);
    await readerPage.goto(authorPath(author.slug));
    await expect(readerPage.getByText(bio)).toBeVisible();
    await expect(readerPage.getByRole("link", { name: /example\.com\/queues/ })).toHaveAttribute("href", "https://example.com/queues");
    await reader.close();
    await context.close();
  });

  test("an invalid website is refused with a clear message and nothing is saved", async ({ browser }) => {
    const author = await createStaffMember("AUTHOR");
    const { context, page } = await signedInContext(browser, author);
    await page.goto("/admin/profile");

    await page.getByLabel("Bio").fill("This bio must not be saved.");
    const website = page.getByLabel("Website");
    await website.fill("example.com");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Website must be a full http:// or https:// address" })).toBeVisible();
    await expect(website).toHaveAttribute("aria-invalid", "true");
    await expect(website).toHaveAccessibleDescription(/Website must be a full http:\/\/ or https:\/\/ address/);
    await expectAccessibleAndShoot(page, "admin-profile-error");

    expect(await testDb().user.findUnique({ where: { id: author.id }, select: { bio: true, website: true } })).toEqual({ bio: null, website: null });
    await page.reload();
    await expect(page.getByLabel("Bio")).toHaveValue("");
    await context.close();
  });

  test("another author's profile is not found", async ({ browser }) => {
    const [author, other] = [await createStaffMember("AUTHOR"), await createStaffMember("AUTHOR")];
    const { context, page } = await signedInContext(browser, author);
    await page.goto(`/admin/staff/${other.id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveCount(0);
    await context.close();
  });
});
