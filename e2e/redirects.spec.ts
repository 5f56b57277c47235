import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("admin") });

test("renaming a published post's slug sends its old URL to the new one with a 301, and deleting it answers 410", async ({ page, request }) => {
  const post = await createPost({ authorId: signedInUsers().admin.id, title: "Moving day for a post", status: "PUBLISHED" });
  const renamed = `${post.slug}-renamed`;

  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.slug.fill(renamed);
  await editor.update.click();
  await expect(editor.status).toHaveText("Updated. Readers see the change now.");

  const moved = await request.get(`/blog/${post.slug}?ref=newsletter`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  // Keeps the query string; the URL is the site's own (SITE_URL is the tests' base URL).
  expect(moved.headers()["location"]).toBe(new URL(`/blog/${renamed}?ref=newsletter`, test.info().project.use.baseURL).href);
  // The target comes from SITE_URL, never from the Host header a client sends.
  const spoofed = await request.get(`/blog/${post.slug}`, { maxRedirects: 0, headers: { Host: "attacker.example" } });
  expect(spoofed.status()).toBe(301);
  expect(spoofed.headers()["location"]).not.toContain("attacker.example");
  const followed = await request.get(`/blog/${post.slug}`);
  expect(followed.status()).toBe(200);
  expect(followed.url()).toMatch(new RegExp(`/blog/${renamed}$`));
  expect(await followed.text()).toContain("Moving day for a post");

  // The new slug is the post; a made-up neighbour is still an ordinary 404.
  expect((await request.get(`/blog/${renamed}`, { maxRedirects: 0 })).status()).toBe(200);
  expect((await request.get(`/blog/${post.slug}-nope`, { maxRedirects: 0 })).status()).toBe(404);

  page.once("dialog", (dialog) => void dialog.accept());
  await editor.deleteButton.click();
  await page.waitForURL(/\/admin$/);

  for (const slug of [renamed, post.slug]) {
    const gone = await request.get(`/blog/${slug}`, { maxRedirects: 0 });
    expect(gone.status(), slug).toBe(410);
    expect(gone.headers()["content-type"]).toContain("text/html");
    expect(await gone.text()).toContain("This post was removed");
  }
});

test("a draft and an unknown slug answer 404, not a redirect", async ({ request }) => {
  const draft = await createPost({ authorId: signedInUsers().admin.id, title: "Still a draft" });
  expect((await request.get(`/blog/${draft.slug}`, { maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get("/blog/never-existed-anywhere", { maxRedirects: 0 })).status()).toBe(404);
});
