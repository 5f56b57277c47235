import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { expectAccessible } from "./support/a11y";
import { testDb } from "./support/db";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

test("the history panel lists revisions with author and time, shows a diff, and restores one", async ({ page, browser }) => {
  const author = signedInUsers().author;
  const post = await createPost({ authorId: author.id, title: `Revisions ${Date.now()}`, paragraphs: ["Placeholder."] });
  const editor = new EditorPage(page);
  await editor.open(post.id);

  await editor.body.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("The first version of the text.");
  await editor.saveDraft.click();
  await expect(editor.status).toHaveText("Draft saved.");

  await editor.body.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("The second version of the text.");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");

  await page.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("dialog", { name: "History" });
  const revisions = history.getByRole("list", { name: "Revisions" }).getByRole("listitem");
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0)).toContainText("Published");
  await expect(revisions.nth(0)).toContainText(author.name);
  await expect(revisions.nth(1)).toContainText("Saved");
  await expect(revisions.nth(1)).toContainText(author.name);

  // By default the two newest are compared: what the publish changed.
  const diff = history.getByRole("region", { name: "Differences" });
  await expect(diff.locator("del")).toHaveText(["first"]);
  await expect(diff.locator("ins")).toHaveText(["second"]);

  page.once("dialog", (dialog) => void dialog.accept());
  await revisions.nth(1).getByRole("button", { name: /^Restore/ }).click();
  // The editor reloads with the restored text, saved as a new version.
  await expect(editor.body).toHaveText("The first version of the text.");
  await expect(editor.saveState).toHaveText("All changes saved");

  // The post is published, so readers get the restored text at once.
  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/${post.slug}`);
  // In the article: earlier runs' posts with the same text may be listed beside it (related posts).
  await expect(readerPage.getByRole("article").getByText("The first version of the text.")).toBeVisible();
  await reader.close();

  await page.getByRole("button", { name: "History" }).click();
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0)).toContainText("Restored");
});

test("settings are part of revisions: a changed meta description and tag show in the history, and a restore brings them back", async ({ page, browser }) => {
  // Several saves, two reloads and the reader page: more than the default minute on a busy machine.
  test.slow();
  const author = signedInUsers().author;
  const post = await createPost({ authorId: author.id, title: `Settings history ${Date.now()}`, status: "PUBLISHED", paragraphs: ["A post whose settings change."] });
  const tag = `Revisited ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.open(post.id);
  const panel = page.getByRole("complementary", { name: "Post settings" }).getByRole("region", { name: "Search and social" });

  await panel.getByLabel("Meta description").fill("The first description.");
  await panel.getByRole("button", { name: "Save settings" }).click();
  await expect(panel.getByText("Settings saved.")).toBeVisible();
  // Fresh messages for the next saves, and the first description is kept.
  await page.reload();
  await expect(panel.getByLabel("Meta description")).toHaveValue("The first description.");

  await editor.tags.fill(tag);
  await editor.update.click();
  await expect(editor.status).toHaveText("Updated. Readers see the change now.");
  await panel.getByLabel("Meta description").fill("The second description.");
  await panel.getByRole("button", { name: "Save settings" }).click();
  await expect(panel.getByText("Settings saved.")).toBeVisible();

  const reader = await browser.newContext({ storageState: undefined });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/${post.slug}`);
  await expect(readerPage.locator('meta[name="description"]')).toHaveAttribute("content", "The second description.");

  // Each settings save is a revision of its own, though all came within minutes from one author.
  await page.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("dialog", { name: "History" });
  const revisions = history.getByRole("list", { name: "Revisions" }).getByRole("listitem");
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0)).toContainText("Settings: Meta description");
  await expect(revisions.nth(1)).toContainText("Settings: Tags");
  const diff = history.getByRole("region", { name: "Differences" });
  const settingsDiff = diff.getByRole("region", { name: "Settings changes" });
  // The two newest: the second settings save.
  await expect(settingsDiff.getByRole("listitem")).toHaveText([/^Meta description: The first description\..*The second description\.$/]);

  // From the oldest: both changes, the tag as added; the body did not change.
  await history.getByLabel("Compare").selectOption({ index: 2 });
  await expect(settingsDiff.getByRole("listitem")).toHaveCount(2);
  await expect(settingsDiff.getByRole("listitem").nth(0)).toHaveText(`Tags: added ${tag}`);
  await expect(settingsDiff.locator("del")).toHaveText(["The first description."]);
  await expect(settingsDiff.locator("ins")).toHaveText([tag, "The second description."]);
  await expect(diff.locator("del, ins")).toHaveCount(3);
  await expectAccessible(page);
  for (const [viewport, size] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await history.screenshot({ path: `e2e/screenshots/revision-settings-diff-${viewport}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  page.once("dialog", (dialog) => void dialog.accept());
  await revisions.nth(2).getByRole("button", { name: /^Restore/ }).click();
  // Nothing was left out, so the editor reloads with the restored settings at once.
  await expect(panel.getByLabel("Meta description")).toHaveValue("The first description.");
  await expect(editor.tags).toHaveValue("");
  await expect(editor.saveState).toHaveText("All changes saved");

  await readerPage.goto(`/blog/${post.slug}`);
  await expect(readerPage.locator('meta[name="description"]')).toHaveAttribute("content", "The first description.");
  await reader.close();

  await page.getByRole("button", { name: "History" }).click();
  await expect(revisions).toHaveCount(4);
  await expect(revisions.nth(0)).toContainText("Restored");

  // A tag deleted since cannot come back: the restore says so, and the editor reloads once that is read.
  await testDb().tag.deleteMany({ where: { name: tag } });
  page.once("dialog", (dialog) => void dialog.accept());
  await revisions.nth(1).getByRole("button", { name: /^Restore/ }).click();
  await expect(history.getByRole("status")).toContainText(`The tag "${tag}" was deleted since this revision`);
  await history.getByRole("button", { name: "Open the restored version" }).click();
  await expect(panel.getByLabel("Meta description")).toHaveValue("The second description.");
  await expect(editor.tags).toHaveValue("");
});
