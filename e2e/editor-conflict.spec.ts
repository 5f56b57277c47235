import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost, createUser, type TestUser } from "./support/factories";
import { testDb } from "./support/db";
import { signedInContext } from "./support/staff";

/**
 * Two writers (two browser contexts) open the same post. The first saves; the second's save is refused
 * and the comparison opens. Returns the second writer's page with the dialog open.
 */
async function conflictingEdits(browser: import("@playwright/test").Browser, author: TestUser) {
  const post = await createPost({ authorId: author.id, title: "Shared post", paragraphs: ["Common start."] });
  const first = await signedInContext(browser, author);
  const second = await signedInContext(browser, author);
  const a = new EditorPage(first.page);
  const b = new EditorPage(second.page);
  await a.open(post.id);
  await b.open(post.id);
  await expect(b.body).toHaveText("Common start.");

  await a.body.click();
  await first.page.keyboard.press("Control+End");
  await first.page.keyboard.type(" Their addition.");
  await a.saveDraft.click();
  await expect(a.status).toHaveText("Draft saved.");

  await b.body.click();
  await second.page.keyboard.press("Control+End");
  await second.page.keyboard.type(" My addition.");
  await b.saveDraft.click();
  const dialog = second.page.getByRole("dialog", { name: "This post was changed elsewhere" });
  await expect(dialog).toBeVisible();
  return { post, first, second, b, dialog };
}

const storedText = async (id: string) => JSON.stringify((await testDb().post.findUniqueOrThrow({ where: { id }, select: { content: true } })).content);

const visibleText = (page: Page) => page.getByRole("textbox", { name: "Post body" }).filter({ visible: true });

test("the second save shows both versions as a diff; keep mine saves over the other", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const { post, first, second, b, dialog } = await conflictingEdits(browser, author);

  const diff = dialog.getByRole("region", { name: "Differences in the body" });
  await expect(diff.locator("ins")).toHaveText("My");
  await expect(diff.locator("del")).toHaveText("Their");
  await expect(diff).toContainText("Common start.");

  await dialog.getByRole("button", { name: "Keep mine and save" }).click();
  await expect(dialog).toBeHidden();
  await expect(b.status).toHaveText("Draft saved.");
  expect(await storedText(post.id)).toContain("Common start. My addition.");
  await expect(visibleText(second.page)).toHaveText("Common start. My addition.");
  await first.context.close();
  await second.context.close();
});

test("take the other loads it into the editor and keeps my text on screen", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const { post, first, second, b, dialog } = await conflictingEdits(browser, author);

  await dialog.getByRole("button", { name: "Take the other version" }).click();
  await expect(dialog).toBeHidden();
  await expect(b.body).toHaveText("Common start. Their addition.");
  const mine = second.page.getByRole("region", { name: "Your version, which you replaced with the other one" });
  await expect(mine).toContainText("Common start. My addition.");
  // What is on screen is what is saved: nothing to save until the writer changes something.
  await expect(b.saveState).not.toHaveText(/Unsaved changes|Not saved/);

  // Based on the other version now: the next save applies.
  await b.body.click();
  await second.page.keyboard.press("Control+End");
  await second.page.keyboard.type(" Then mine.");
  await b.saveDraft.click();
  await expect(b.status).toHaveText("Draft saved.");
  expect(await storedText(post.id)).toContain("Common start. Their addition. Then mine.");
  await first.context.close();
  await second.context.close();
});

test("merge by hand keeps my text in the editor, shows the other beside it, and the next save applies", async ({ browser }) => {
  const author = await createUser("AUTHOR");
  const { post, first, second, b, dialog } = await conflictingEdits(browser, author);

  await dialog.getByRole("button", { name: "Merge by hand" }).click();
  await expect(dialog).toBeHidden();
  await expect(b.body).toHaveText("Common start. My addition.");
  const theirs = second.page.getByRole("region", { name: "The version saved elsewhere" });
  await expect(theirs).toContainText("Common start. Their addition.");

  await b.body.click();
  await second.page.keyboard.press("Control+End");
  await second.page.keyboard.type(" Their addition.");
  await b.saveDraft.click();
  await expect(b.status).toHaveText("Draft saved.");
  expect(await storedText(post.id)).toContain("Common start. My addition. Their addition.");
  await first.context.close();
  await second.context.close();
});
