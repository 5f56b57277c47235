import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
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
  await expect(readerPage.getByText("The first version of the text.")).toBeVisible();
  await reader.close();

  await page.getByRole("button", { name: "History" }).click();
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0)).toContainText("Restored");
});
