import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost, createUser } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

test.describe("as an author", () => {
  test.use({ storageState: storageStatePath("author") });

  test("another author's post is not found", async ({ page }) => {
    const other = await createUser("AUTHOR");
    const post = await createPost({ authorId: other.id, title: "Someone else's draft" });
    // The same 404 as a post that does not exist, so the draft's existence is not revealed.
    const response = await page.goto(`/admin/posts/${post.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Someone else's draft")).toHaveCount(0);
    expect((await page.goto(`/admin/posts/${post.id}/preview`))?.status()).toBe(404);
    expect((await page.goto("/admin/posts/no-such-post"))?.status()).toBe(404);
  });

  test("their own post's editor answers 200", async ({ page }) => {
    const post = await createPost({ authorId: signedInUsers().author.id, title: "My own draft" });
    expect((await page.goto(`/admin/posts/${post.id}`))?.status()).toBe(200);
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
