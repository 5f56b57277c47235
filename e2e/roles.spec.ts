import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost, createUser } from "./support/factories";
import { storageStatePath } from "./support/users";

test.describe("as an author", () => {
  test.use({ storageState: storageStatePath("author") });

  test("another author's post is not found", async ({ page }) => {
    const other = await createUser("AUTHOR");
    const post = await createPost({ authorId: other.id, title: "Someone else's draft" });
    // Admin pages stream behind the session check, so the status is already sent; the page is noindex.
    await page.goto(`/admin/posts/${post.id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Someone else's draft")).toHaveCount(0);
  });
});

test.describe("as a contributor", () => {
  test.use({ storageState: storageStatePath("contributor") });

  test("can save a draft but has no Publish button", async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.openNew();
    await editor.title.fill(`Contributor draft ${Date.now()}`);
    await editor.body.click();
    await page.keyboard.type("Waiting for review.");
    await expect(editor.publishButton).toHaveCount(0);
    await editor.saveDraft.click();
    await expect(editor.status).toHaveText("Draft saved.");
  });
});
