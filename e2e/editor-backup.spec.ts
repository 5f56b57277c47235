import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost, createUser } from "./support/factories";
import { signedInContext } from "./support/staff";

test("text typed and never saved survives closing the tab with Leave, and comes back on Restore", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const post = await createPost({ authorId: author.id, title: "Kept on this device", paragraphs: ["Saved paragraph."] });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Typed but never saved.");
  await editor.title.fill("Kept on this device, retitled");

  // Closing right after typing: the copy written as the page goes away is the one that must survive.
  page.on("dialog", (dialog) => dialog.accept());
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);

  const reopened = await context.newPage();
  const again = new EditorPage(reopened);
  await again.open(post.id);
  await expect(again.body).toHaveText("Saved paragraph.");
  const offer = reopened.getByRole("region", { name: "Unsaved changes were kept on this device" });
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Restore my changes" }).click();
  await expect(offer).toHaveCount(0);
  await expect(again.body).toHaveText("Saved paragraph. Typed but never saved.");
  await expect(again.title).toHaveValue("Kept on this device, retitled");

  await again.saveDraft.click();
  await expect(again.status).toHaveText("Draft saved.");
  // Saved: the device copy is gone, so opening the post again offers nothing.
  await reopened.reload();
  await expect(again.body).toHaveText("Saved paragraph. Typed but never saved.");
  await expect(reopened.getByRole("region", { name: "Unsaved changes were kept on this device" })).toHaveCount(0);
  await context.close();
});

test("a kept copy can be discarded, and the server's text stays", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const post = await createPost({ authorId: author.id, paragraphs: ["Server text."] });
  const { context, page } = await signedInContext(browser, author);
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Draft words.");
  page.on("dialog", (dialog) => dialog.accept());
  await page.reload();

  const offer = page.getByRole("region", { name: "Unsaved changes were kept on this device" });
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Discard them" }).click();
  await expect(offer).toHaveCount(0);
  await expect(editor.body).toHaveText("Server text.");
  await page.reload();
  await expect(editor.body).toHaveText("Server text.");
  await expect(offer).toHaveCount(0);
  await context.close();
});
