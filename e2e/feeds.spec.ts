import { expect, test, type APIRequestContext } from "@playwright/test";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { EditorPage } from "./pages/editor-page";
import { createUser } from "./support/factories";
import { createFeedPost, createFeedTag, userSlug } from "./support/feeds";
import { signedInUsers, storageStatePath } from "./support/users";

type Format = "rss" | "atom" | "json";

const files: Record<Format, string> = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" };
const contentTypes: Record<Format, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

interface ParsedFeed {
  title: string;
  items: { title: string; link: string; html: string }[];
}

/** Fetches a feed, checks status and content type, and parses it with a real feed parser. */
async function fetchFeed(request: APIRequestContext, base: string, format: Format): Promise<ParsedFeed> {
  const response = await request.get(`${base}/${files[format]}`);
  expect(response.status(), `${base}/${files[format]}`).toBe(200);
  expect(response.headers()["content-type"]).toBe(contentTypes[format]);
  expect(response.headers()["cache-control"]).toMatch(/max-age=\d+/);
  const body = await response.text();
  if (format === "rss") {
    const feed = parseRssFeed(body);
    return { title: feed.title ?? "", items: (feed.items ?? []).map((item) => ({ title: item.title ?? "", link: item.link ?? "", html: item.content?.encoded ?? "" })) };
  }
  if (format === "atom") {
    const feed = parseAtomFeed(body);
    return {
      title: feed.title?.value ?? "",
      items: (feed.entries ?? []).map((entry) => ({ title: entry.title?.value ?? "", link: entry.links?.[0]?.href ?? "", html: entry.content?.value ?? "" })),
    };
  }
  const feed = parseJsonFeed(JSON.parse(body));
  return { title: feed.title ?? "", items: (feed.items ?? []).map((item) => ({ title: item.title ?? "", link: item.url ?? "", html: item.content_html ?? "" })) };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

test("feed.json is JSON Feed 1.1: its version, the site's language and an authors array on each item", async ({ request }) => {
  const writer = await createUser("AUTHOR", "Jason Feeds");
  const post = await createFeedPost({ authorId: writer.id, publishedAt: minutesAgo(1) });
  const response = await request.get(`/author/${await userSlug(writer.id)}/feed.json`);
  expect(response.status()).toBe(200);
  const json = await response.json();
  expect(json.version).toBe("https://jsonfeed.org/version/1.1");
  expect(json.language).toMatch(/^[a-z]{2}(-[A-Za-z]+)?$/);
  expect(json.items).toHaveLength(1);
  expect(json.items[0].title).toBe(post.title);
  expect(json.items[0].authors).toEqual([{ name: "Jason Feeds", url: expect.stringMatching(/\/author\/[^/]+$/) }]);
  expect(json.items[0]).not.toHaveProperty("author");
});

test("tag and author feeds list exactly their published posts, newest first, in all three formats", async ({ request, baseURL }) => {
  const [writer, other] = await Promise.all([createUser("AUTHOR", "Fiona Feeds"), createUser("AUTHOR")]);
  const tag = await createFeedTag();
  const oldest = await createFeedPost({ authorId: writer.id, tagIds: [tag.id], publishedAt: minutesAgo(3) });
  const byOther = await createFeedPost({ authorId: other.id, tagIds: [tag.id], publishedAt: minutesAgo(2) });
  const untagged = await createFeedPost({ authorId: writer.id, publishedAt: minutesAgo(1) });
  const draft = await createFeedPost({ authorId: writer.id, tagIds: [tag.id], status: "DRAFT", title: "Feed draft never shown" });
  const link = (post: { slug: string }) => `${baseURL}/blog/${post.slug}`;
  const writerSlug = await userSlug(writer.id);

  for (const format of ["rss", "atom", "json"] as const) {
    const tagFeed = await fetchFeed(request, `/tag/${tag.slug}`, format);
    expect(tagFeed.title).toMatch(new RegExp(` — ${tag.name}$`));
    expect(tagFeed.items.map((item) => item.title)).toEqual([byOther.title, oldest.title]);
    expect(tagFeed.items.map((item) => item.link)).toEqual([link(byOther), link(oldest)]);
    expect(tagFeed.items[0]?.html).toBe(`<p>Body of ${byOther.title}.</p>`);

    const authorFeed = await fetchFeed(request, `/author/${writerSlug}`, format);
    expect(authorFeed.title).toMatch(/ — Fiona Feeds$/);
    expect(authorFeed.items.map((item) => item.link)).toEqual([link(untagged), link(oldest)]);
    expect(JSON.stringify(authorFeed)).not.toContain(draft.slug);
  }
});

test("feeds of unknown tags and authors, or of ones without published posts, are 404", async ({ request }) => {
  const writer = await createUser("AUTHOR");
  const tag = await createFeedTag();
  await createFeedPost({ authorId: writer.id, tagIds: [tag.id], status: "DRAFT" });
  const slug = await userSlug(writer.id);
  for (const file of Object.values(files)) {
    for (const path of [`/tag/${tag.slug}`, `/tag/no-such-tag-anywhere`, `/author/${slug}`, `/author/no-such-author-anywhere`]) {
      expect((await request.get(`${path}/${file}`)).status(), `${path}/${file}`).toBe(404);
    }
  }
});

test("feed content drops javascript: links and escapes markup, with relative links made absolute", async ({ request, baseURL }) => {
  const writer = await createUser("AUTHOR");
  const tag = await createFeedTag();
  const post = await createFeedPost({
    authorId: writer.id,
    tagIds: [tag.id],
    title: "Links of every kind",
    blocks: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Do not click", marks: [{ type: "link", attrs: { href: "javascript:alert(document.cookie)" } }] },
          { type: "text", text: " but read " },
          { type: "text", text: "about", marks: [{ type: "link", attrs: { href: "/about", onclick: "alert(1)" } }] },
          { type: "text", text: " <script>alert(2)</script>" },
        ],
      },
      { type: "image", attrs: { src: "javascript:alert(3)", alt: "bad" } },
    ],
  });
  for (const format of ["rss", "atom", "json"] as const) {
    const feed = await fetchFeed(request, `/tag/${tag.slug}`, format);
    const item = feed.items.find((candidate) => candidate.title === post.title);
    expect(item?.html).toBe(`<p>Do not click but read <a href="${baseURL}/about">about</a> &lt;script&gt;alert(2)&lt;/script&gt;</p>`);
  }
  const raw = await (await request.get(`/tag/${tag.slug}/rss.xml`)).text();
  expect(raw.toLowerCase()).not.toContain("javascript:");
});

test.describe("site feeds", () => {
  test.use({ storageState: storageStatePath("author") });

  test("the home page advertises them, and a post shows up in them as soon as it is published", async ({ page, request, baseURL }) => {
    // Signing in to the editor and publishing takes a while on a loaded machine.
    test.setTimeout(120_000);
    await page.goto("/");
    for (const format of ["rss", "atom", "json"] as const) {
      const type = contentTypes[format].split(";")[0];
      await expect(page.locator(`head link[rel="alternate"][type="${type}"]`).first()).toHaveAttribute("href", `${baseURL}/${files[format]}`);
    }

    const title = `Fresh in the feed ${Date.now()}`;
    const editor = new EditorPage(page);
    await editor.openNew();
    await editor.title.fill(title);
    await editor.body.click();
    await page.keyboard.type("Published for feed readers.");
    await editor.publishButton.click();
    await expect(editor.status).toHaveText("Published.");
    const draft = await createFeedPost({ authorId: signedInUsers().author.id, status: "DRAFT", title: `Unpublished ${Date.now()}` });

    for (const format of ["rss", "atom", "json"] as const) {
      const feed = await fetchFeed(request, "", format);
      const item = feed.items.find((candidate) => candidate.title === title);
      expect(item?.link).toMatch(new RegExp(`^${baseURL}/blog/fresh-in-the-feed-\\d+$`));
      expect(item?.html).toBe("<p>Published for feed readers.</p>");
      expect(feed.items.map((candidate) => candidate.title)).not.toContain(draft.title);
      expect(feed.items.length).toBeLessThanOrEqual(20);
    }
  });
});
