import { expect, test, type APIRequestContext } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { testDb } from "./support/db";
import { createFeedPost, userSlug } from "./support/feeds";
import { signedInUsers, storageStatePath } from "./support/users";

interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

const entriesOf = (xml: string, element: "url" | "sitemap"): SitemapEntry[] =>
  [...xml.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, "g"))].map(([, inner = ""]) => ({
    loc: /<loc>([^<]*)<\/loc>/.exec(inner)?.[1] ?? "",
    lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(inner)?.[1] ?? null,
  }));

/** Every URL the sitemap lists, following child sitemaps when /sitemap.xml is an index. */
async function sitemapUrls(request: APIRequestContext): Promise<SitemapEntry[]> {
  const response = await request.get("/sitemap.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  const xml = await response.text();
  if (!xml.includes("<sitemapindex")) return entriesOf(xml, "url");
  const children = entriesOf(xml, "sitemap");
  const urls: SitemapEntry[] = [];
  for (const child of children) urls.push(...entriesOf(await (await request.get(child.loc)).text(), "url"));
  return urls;
}

test.use({ storageState: storageStatePath("author") });

test("the sitemap lists published posts, their tags and authors with lastmod, never drafts, and every URL answers 200", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const author = signedInUsers().author;
  const draft = await createFeedPost({ authorId: author.id, status: "DRAFT", title: "Sitemap draft" });

  const title = `Mapped for crawlers ${Date.now()}`;
  const tagName = `Crawlable ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.title.fill(title);
  await editor.body.click();
  await page.keyboard.type("Crawlers should find this.");
  await editor.tags.fill(tagName);
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  const published = await testDb().post.findFirstOrThrow({ where: { title }, select: { slug: true, updatedAt: true } });

  const urls = await sitemapUrls(request);
  const locs = urls.map((url) => url.loc);
  expect(new Set(locs).size).toBe(locs.length);
  expect(locs).toContain(`${baseURL}/`);
  expect(locs).toContain(`${baseURL}/blog/${published.slug}`);
  expect(locs).toContain(`${baseURL}/tag/${tagName.toLowerCase().replaceAll(" ", "-")}`);
  expect(locs).toContain(`${baseURL}/author/${await userSlug(author.id)}`);
  expect(urls.find((url) => url.loc === `${baseURL}/blog/${published.slug}`)?.lastmod).toBe(published.updatedAt.toISOString());
  expect(locs).not.toContain(`${baseURL}/blog/${draft.slug}`);
  for (const url of urls) {
    expect(url.loc.startsWith(`${baseURL}/`), url.loc).toBe(true);
    expect(Number.isNaN(Date.parse(url.lastmod ?? "")), `lastmod of ${url.loc}`).toBe(false);
  }

  // Every post listed is published, and every tag and author listed has a published post.
  const postSlugs = locs.flatMap((loc) => /\/blog\/([^/]+)$/.exec(loc)?.[1] ?? []);
  const listedPosts = await testDb().post.findMany({ where: { slug: { in: postSlugs } }, select: { status: true } });
  expect(listedPosts.map((post) => post.status)).toEqual(postSlugs.map(() => "PUBLISHED"));
  const tagSlugs = locs.flatMap((loc) => /\/tag\/([^/]+)$/.exec(loc)?.[1] ?? []);
  expect(await testDb().tag.count({ where: { slug: { in: tagSlugs }, posts: { some: { post: { status: "PUBLISHED" } } } } })).toBe(tagSlugs.length);
  const authorSlugs = locs.flatMap((loc) => /\/author\/([^/]+)$/.exec(loc)?.[1] ?? []);
  expect(await testDb().user.count({ where: { slug: { in: authorSlugs }, posts: { some: { status: "PUBLISHED" } } } })).toBe(authorSlugs.length);

  for (const url of urls) {
    const response = await request.get(url.loc, { maxRedirects: 0 });
    expect(response.status(), url.loc).toBe(200);
  }
});

test("child sitemaps exist only when /sitemap.xml is an index", async ({ request }) => {
  const xml = await (await request.get("/sitemap.xml")).text();
  test.skip(xml.includes("<sitemapindex"), "this database has more URLs than one sitemap holds");
  expect((await request.get("/sitemaps/posts-1.xml")).status()).toBe(404);
  expect((await request.get("/sitemaps/anything")).status()).toBe(404);
});

test("robots.txt lets crawlers in (search too, which says noindex itself), keeps them out of the admin and the API, and names the sitemap", async ({ request, baseURL }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const lines = (await response.text()).split("\n").map((line) => line.trim()).filter(Boolean);
  expect(lines).toEqual(["User-Agent: *", "Allow: /", "Disallow: /admin", "Disallow: /api", "", `Sitemap: ${baseURL}/sitemap.xml`].filter(Boolean));
});
