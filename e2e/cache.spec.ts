/**
 * Public pages come from Next's cache and are invalidated precisely: after each kind of change staff
 * make, the affected pages show it on the very next request, and an unrelated page is still a cache hit.
 *
 * The signal for "served from the cache" is Next's `x-nextjs-cache` response header on page requests of
 * the production build (checked with curl against `next start`, Next 16.4):
 *   - HIT: the page was sent from the full-route cache as it was stored;
 *   - MISS: it was rendered for this request (first request after a start, since instrumentation.ts
 *     expires everything cached before it, or the first request after one of its cache tags was
 *     invalidated with updateTag, which expires at once rather than marking it stale);
 *   - STALE: sent from the cache while a background render refreshes it (time-based revalidation or
 *     revalidateTag(tag, "max")); the tests would see it as "not fresh", so it must never follow a write.
 * The server's replay of a cached page (lib/cache/replay.ts) says HIT too, and carries an ETag.
 * Each test warms its pages until they answer HIT, so a later HIT proves the page was not invalidated,
 * and the changed page's body proves it was rendered again. No timing is involved.
 *
 * Readers use Playwright's `request` fixture (no cookies); staff act through the admin UI in a separate
 * browser context, as they would.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPostWithTags, createStaffMember, createStaffTag, fetchPage, warm } from "./support/staff";
import { testDb } from "./support/db";
import { signedInUsers, storageStatePath } from "./support/users";
import { authorPath, postPath, tagPath } from "../lib/paths";

/**
 * A published post by an author nobody else writes with, carrying no tag: no write in these tests concerns
 * it. It is dated decades back, so posts published now (here or by specs running alongside) never land
 * next to it and change its previous/next links.
 */
async function unrelatedPost() {
  const bystander = await createStaffMember("AUTHOR");
  const post = await createPostWithTags({ authorId: bystander.id, title: `Bystander ${Date.now()}` });
  const longAgo = new Date(Date.UTC(1995, 0, 1) + Math.floor(Math.random() * 365 * 24 * 3_600_000));
  await testDb().post.update({ where: { id: post.id }, data: { publishedAt: longAgo } });
  return post;
}

/** Asserts the unrelated page is still the cached copy: a HIT with the content it had. */
async function expectStillCached(request: APIRequestContext, path: string, before: string) {
  const after = await fetchPage(request, path);
  expect(after.cache, `${path} should still be served from the cache, but the write invalidated it`).toBe("HIT");
  expect(after.body).toBe(before);
}

/**
 * The very next request shows `text`. A page only this test reads must also have been rendered again
 * (MISS); the home page is shared with tests running alongside, which may have rendered it first.
 */
async function expectFreshWith(request: APIRequestContext, path: string, text: string) {
  const after = await fetchPage(request, path);
  expect(after.status, path).toBe(200);
  expect(after.body, `${path} should show the change (replayed by the server: ${after.replayed})`).toContain(text);
  if (path !== "/") expect(after.cache, `${path} should be rendered again (replayed by the server: ${after.replayed})`).toBe("MISS");
}

async function expectGone(request: APIRequestContext, path: string, text: string) {
  const after = await fetchPage(request, path);
  expect([404, 410], `${path} should be gone`).toContain(after.status);
  expect(after.body).not.toContain(text);
}

/** A page in a new context signed in as the seeded admin, who may edit any post, tag and profile. */
async function staffPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  return context.newPage();
}

/**
 * Publishes a factory-made draft through the editor. Posts written straight to the database invalidate
 * nothing, so the shared home page only lists them once a real publish has run.
 */
async function publishInEditor(page: Page, postId: string): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await editor.open(postId);
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  return editor;
}

test.describe("cache invalidation", () => {
  // In order, one at a time: each test's writes would otherwise invalidate the pages another is warming.
  test.describe.configure({ mode: "default" });

  test("publishing shows the post on the home, post, tag and author pages at once; other pages stay cached", async ({ browser, request }) => {
    const author = await createStaffMember("AUTHOR");
    const tag = await createStaffTag("Published topic");
    const title = `Fresh off the press ${Date.now()}`;
    const draft = await createPostWithTags({ authorId: author.id, title, status: "DRAFT", tagIds: [tag.id] });
    const bystander = await unrelatedPost();

    await warm(request, "/");
    const cachedBystander = await warm(request, postPath(bystander.slug));
    // Not found yet (and that answer may itself be cached): the publish must replace it.
    for (const path of [postPath(draft.slug), tagPath(tag.slug), authorPath(author.slug)]) expect((await fetchPage(request, path)).status).toBe(404);

    await publishInEditor(await staffPage(browser), draft.id);

    await expectFreshWith(request, "/", title);
    const post = await fetchPage(request, postPath(draft.slug));
    expect(post.status).toBe(200);
    expect(post.body).toContain(title);
    await expectFreshWith(request, tagPath(tag.slug), title);
    await expectFreshWith(request, authorPath(author.slug), title);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("a title change shows on the home and post pages at once; other pages stay cached", async ({ browser, request }) => {
    const oldTitle = `Before the edit ${Date.now()}`;
    const live = await createPostWithTags({ authorId: signedInUsers().author.id, title: oldTitle, status: "DRAFT" });
    const bystander = await unrelatedPost();
    const newTitle = `After the edit ${Date.now()}`;
    const editor = await publishInEditor(await staffPage(browser), live.id);

    expect((await warm(request, "/")).body).toContain(oldTitle);
    expect((await warm(request, postPath(live.slug))).body).toContain(oldTitle);
    const cachedBystander = await warm(request, postPath(bystander.slug));

    await editor.title.fill(newTitle);
    await editor.update.click();
    await expect(editor.status).toHaveText("Updated. Readers see the change now.");

    await expectFreshWith(request, "/", newTitle);
    await expectFreshWith(request, postPath(live.slug), newTitle);
    // The card's link text; the factory's excerpt repeats the old title.
    expect((await fetchPage(request, "/")).body).not.toContain(`>${oldTitle}<`);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("a reader page lists its own cache tags as surrogate keys, rendered, from Next's cache and replayed", async ({ request }) => {
    const tag = await createStaffTag("Keyed");
    const post = await createPostWithTags({ authorId: signedInUsers().author.id, title: `Keyed ${Date.now()}`, tagIds: [tag.id] });
    const path = postPath(post.slug);
    const keysOf = async (requestHeaders: Record<string, string> = {}) => {
      const response = await request.get(path, { headers: requestHeaders });
      expect(response.status()).toBe(200);
      const headers = response.headers();
      return { cache: headers["x-nextjs-cache"], replayed: headers.etag !== undefined, xkey: headers.xkey, surrogateKey: headers["surrogate-key"] };
    };
    // The keys come from the tags this request's render noted (lib/cache/edge/request-tags.ts): the
    // post's own, its tag's, and the site's, from "use cache" entries made now or read from the cache.
    const rendered = await keysOf();
    expect(rendered.cache).toBe("MISS");
    const keys = rendered.xkey?.split(" ") ?? [];
    expect(keys).toEqual(expect.arrayContaining([`post:${post.slug}`, `tag:${tag.slug}`, "site"]));
    for (const key of keys) expect(key, "only Quire's own tags (lib/cache/tags.ts) are keys").toMatch(/^(site|posts|(post|tag|author|media):\S+)$/);
    expect(rendered.surrogateKey).toBe(rendered.xkey);
    // The server's replay of the answer it kept (lib/cache/replay.ts), and Next's cache: the tags stored with
    // the page, for a request the replay leaves to Next (an Accept-Encoding it does not key).
    expect(await keysOf()).toEqual({ ...rendered, cache: "HIT", replayed: true });
    expect(await keysOf({ "accept-encoding": "identity" })).toEqual({ ...rendered, cache: "HIT" });
  });

  test("a cached page is replayed with an ETag: 304 while it is unchanged, the new page at once after an edit", async ({ browser, request }) => {
    const oldTitle = `Validated copy ${Date.now()}`;
    const live = await createPostWithTags({ authorId: signedInUsers().author.id, title: oldTitle, status: "DRAFT" });
    const editor = await publishInEditor(await staffPage(browser), live.id);
    const path = postPath(live.slug);

    // Next's own answers carry no ETag; the server's replay of a cached page (lib/cache/replay.ts) does.
    let etag: string | undefined;
    await expect
      .poll(async () => {
        etag = (await request.get(path)).headers().etag;
        return etag;
      }, { message: `${path} is never replayed with an ETag` })
      .toMatch(/^"[\w-]+"$/);
    const replayed = await request.get(path);
    expect(replayed.headers().etag).toBe(etag);
    expect(replayed.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(await replayed.text()).toContain(oldTitle);
    const notModified = await request.get(path, { headers: { "if-none-match": etag! } });
    expect(notModified.status()).toBe(304);
    expect(notModified.headers().etag).toBe(etag);

    const newTitle = `Validated again ${Date.now()}`;
    await editor.title.fill(newTitle);
    await editor.update.click();
    await expect(editor.status).toHaveText("Updated. Readers see the change now.");

    const changed = await request.get(path, { headers: { "if-none-match": etag! } });
    expect(changed.status()).toBe(200);
    expect(changed.headers()["x-nextjs-cache"]).toBe("MISS");
    expect(await changed.text()).toContain(newTitle);
  });

  test("unpublishing removes the post from the home and post pages at once; other pages stay cached", async ({ browser, request }) => {
    const title = `Soon a draft again ${Date.now()}`;
    const live = await createPostWithTags({ authorId: signedInUsers().author.id, title, status: "DRAFT" });
    const bystander = await unrelatedPost();
    const editor = await publishInEditor(await staffPage(browser), live.id);

    expect((await warm(request, "/")).body).toContain(title);
    expect((await warm(request, postPath(live.slug))).body).toContain(title);
    const cachedBystander = await warm(request, postPath(bystander.slug));

    await editor.unpublishButton.click();
    await expect(editor.status).toHaveText("Unpublished: the post is a draft again.");

    expect((await fetchPage(request, "/")).body).not.toContain(title);
    await expectGone(request, postPath(live.slug), title);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("deleting removes the post from the home and post pages at once; other pages stay cached", async ({ browser, request }) => {
    const title = `About to be deleted ${Date.now()}`;
    const live = await createPostWithTags({ authorId: signedInUsers().author.id, title, status: "DRAFT" });
    const bystander = await unrelatedPost();
    const page = await staffPage(browser);
    const editor = await publishInEditor(page, live.id);

    expect((await warm(request, "/")).body).toContain(title);
    expect((await warm(request, postPath(live.slug))).body).toContain(title);
    const cachedBystander = await warm(request, postPath(bystander.slug));

    page.once("dialog", (dialog) => void dialog.accept());
    await editor.deleteButton.click();
    await page.waitForURL(/\/admin$/);

    expect((await fetchPage(request, "/")).body).not.toContain(title);
    await expectGone(request, postPath(live.slug), title);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("renaming a tag shows on its posts, the home page and the tag's new address at once; other pages stay cached", async ({ browser, request }) => {
    const tag = await createStaffTag("Old tag name");
    const title = `Tagged for renaming ${Date.now()}`;
    const live = await createPostWithTags({ authorId: signedInUsers().author.id, title, tagIds: [tag.id], status: "DRAFT" });
    const bystander = await unrelatedPost();
    const newName = `Renamed tag ${Date.now()}`;
    const page = await staffPage(browser);
    await publishInEditor(page, live.id);
    const newSlug = newName.toLowerCase().replaceAll(" ", "-");

    expect((await warm(request, "/")).body).toContain(tag.name);
    expect((await warm(request, postPath(live.slug))).body).toContain(tag.name);
    expect((await warm(request, tagPath(tag.slug))).body).toContain(tag.name);
    expect((await fetchPage(request, tagPath(newSlug))).status).toBe(404);
    const cachedBystander = await warm(request, postPath(bystander.slug));

    await page.goto(`/admin/tags/${tag.id}`);
    await page.getByLabel("Name").fill(newName);
    await page.getByLabel("Slug").fill(newSlug);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. Readers see the change now.");

    await expectFreshWith(request, postPath(live.slug), newName);
    await expectFreshWith(request, "/", newName);
    await expectFreshWith(request, tagPath(newSlug), newName);
    await expectGone(request, tagPath(tag.slug), tag.name);
    expect((await fetchPage(request, postPath(live.slug))).body).not.toContain(tag.name);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("renaming an author shows on their posts, the home page and their new address at once; other pages stay cached", async ({ browser, request }) => {
    const author = await createStaffMember("AUTHOR", `Old Byline ${Date.now()}`);
    const title = `Written under a pen name ${Date.now()}`;
    const live = await createPostWithTags({ authorId: author.id, title, status: "DRAFT" });
    const bystander = await unrelatedPost();
    const newName = `New Byline ${Date.now()}`;
    const page = await staffPage(browser);
    await publishInEditor(page, live.id);
    const newSlug = newName.toLowerCase().replaceAll(" ", "-");

    expect((await warm(request, "/")).body).toContain(author.name);
    expect((await warm(request, postPath(live.slug))).body).toContain(author.name);
    expect((await warm(request, authorPath(author.slug))).body).toContain(author.name);
    const cachedBystander = await warm(request, postPath(bystander.slug));

    // An admin edits the author's profile, as Ghost's staff settings allow.
    await page.goto(`/admin/staff/${author.id}`);
    await page.getByLabel("Name").fill(newName);
    await page.getByLabel("Slug").fill(newSlug);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("region", { name: "Profile" }).getByRole("status")).toHaveText("Profile saved. Readers see the change now.");

    await expectFreshWith(request, postPath(live.slug), newName);
    await expectFreshWith(request, "/", newName);
    await expectFreshWith(request, authorPath(newSlug), newName);
    await expectGone(request, authorPath(author.slug), author.name);
    expect((await fetchPage(request, postPath(live.slug))).body).not.toContain(author.name);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("a tag description shows on the tag page at once; other posts stay cached", async ({ browser, request }) => {
    const tag = await createStaffTag("Described");
    const author = await createStaffMember("AUTHOR");
    const post = await createPostWithTags({ authorId: author.id, title: `Carries the tag ${Date.now()}`, tagIds: [tag.id], status: "DRAFT" });
    const bystander = await unrelatedPost();
    const page = await staffPage(browser);
    await publishInEditor(page, post.id);

    await warm(request, tagPath(tag.slug));
    const cachedBystander = await warm(request, postPath(bystander.slug));

    const description = `Everything about describing things ${Date.now()}.`;
    await page.goto(`/admin/tags/${tag.id}`);
    await page.getByLabel("Description").fill(description);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. Readers see the change now.");

    await expectFreshWith(request, tagPath(tag.slug), description);
    // Posts carrying the tag are rendered again too (one cache tag per tag covers its name and
    // description); pages that do not show the tag are not.
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });

  test("an author's new bio shows on their post and author pages at once; other authors' pages stay cached", async ({ browser, request }) => {
    const author = await createStaffMember("AUTHOR");
    const post = await createPostWithTags({ authorId: author.id, title: `Has an author box ${Date.now()}`, status: "DRAFT" });
    const bystander = await unrelatedPost();
    const page = await staffPage(browser);
    await publishInEditor(page, post.id);

    await warm(request, postPath(post.slug));
    await warm(request, authorPath(author.slug));
    const cachedBystander = await warm(request, postPath(bystander.slug));

    const bio = `Writes about caches ${Date.now()}.`;
    await page.goto(`/admin/staff/${author.id}`);
    await page.getByLabel("Bio").fill(bio);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("region", { name: "Profile" }).getByRole("status")).toHaveText("Profile saved. Readers see the change now.");

    await expectFreshWith(request, postPath(post.slug), bio);
    await expectFreshWith(request, authorPath(author.slug), bio);
    await expectStillCached(request, postPath(bystander.slug), cachedBystander.body);
  });
});
