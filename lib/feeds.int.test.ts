import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renderFeed } from "@/lib/feeds";
import { listAuthorsForSitemap, listPublishedPostsForFeed, listPublishedPostsForSitemap, listTagsForSitemap, savePost } from "@/lib/posts";
import { renderSitemap } from "@/lib/sitemap";
import { slugify } from "@/lib/slug";
import { absoluteUrl } from "@/lib/urls";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";
import { xmlError } from "@/tests/xml";

let writer: SessionUser & { slug: string };
let other: SessionUser & { slug: string };
let draftOnly: SessionUser & { slug: string };
let tagName: string;
let tag: string;
let draftTagName: string;
let draftTag: string;
const posts: Record<string, { id: string; slug: string; title: string }> = {};

async function save(actor: SessionUser, intent: "save" | "publish", fields: { tags?: string[]; paragraphs?: string[] } = {}) {
  const title = uniqueName(intent === "publish" ? "Feed post" : "Feed draft");
  const { post } = await savePost(actor, postInput({ title, tags: fields.tags ?? [], content: docJson(...(fields.paragraphs ?? [`Body of ${title}.`])) }), intent);
  return { id: post.id, slug: post.slug, title: post.title };
}

const slugOf = async (user: SessionUser) => (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { slug: true } })).slug;

beforeAll(async () => {
  const [a, b, c] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR"), createStaff("AUTHOR")]);
  writer = { ...a, slug: await slugOf(a) };
  other = { ...b, slug: await slugOf(b) };
  draftOnly = { ...c, slug: await slugOf(c) };
  tagName = uniqueName("Feeds Tag");
  tag = slugify(tagName);
  draftTagName = uniqueName("Draft Tag");
  draftTag = slugify(draftTagName);
  // Saved one after another so publication times are strictly increasing.
  posts.oldest = await save(writer, "publish", { tags: [tagName] });
  posts.untagged = await save(writer, "publish");
  posts.byOther = await save(other, "publish", { tags: [tagName] });
  posts.draftInTag = await save(writer, "save", { tags: [tagName, draftTagName] });
  posts.draftOfOther = await save(draftOnly, "save", { tags: [tagName] });
  posts.newest = await save(writer, "publish", { tags: [tagName], paragraphs: ["Newest body."] });
});

afterAll(async () => {
  await removeCreatedData();
});

const slugs = (rows: { slug: string }[]) => rows.map((row) => row.slug);

describe("listPublishedPostsForFeed", () => {
  it("lists a tag's published posts by any author, newest first, with body and last change", async () => {
    const rows = await listPublishedPostsForFeed({ kind: "tag", slug: tag }, 20);
    expect(slugs(rows)).toEqual([posts.newest!.slug, posts.byOther!.slug, posts.oldest!.slug]);
    expect(rows[0]!.content).toMatchObject({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Newest body." }] }] });
    expect(rows[0]!.updatedAt).toBeInstanceOf(Date);
    expect(rows[0]!.tags.map((ref) => ref.slug)).toEqual([tag]);
    expect(rows[0]!.author.slug).toBe(writer.slug);
  });

  it("lists an author's published posts only", async () => {
    const rows = await listPublishedPostsForFeed({ kind: "author", slug: writer.slug }, 20);
    expect(slugs(rows)).toEqual([posts.newest!.slug, posts.untagged!.slug, posts.oldest!.slug]);
    expect(await listPublishedPostsForFeed({ kind: "author", slug: draftOnly.slug }, 20)).toEqual([]);
  });

  it("lists the site's newest published posts up to the limit", async () => {
    const rows = await listPublishedPostsForFeed({ kind: "site" }, 3);
    expect(slugs(rows)).toEqual([posts.newest!.slug, posts.byOther!.slug, posts.untagged!.slug]);
    const all = slugs(await listPublishedPostsForFeed({ kind: "site" }, 1000));
    expect(all).not.toContain(posts.draftInTag!.slug);
    expect(all).not.toContain(posts.draftOfOther!.slug);
  });

  it("is empty for an unknown tag or author, and for a tag with drafts only", async () => {
    expect(await listPublishedPostsForFeed({ kind: "tag", slug: `missing-${tag}` }, 20)).toEqual([]);
    expect(await listPublishedPostsForFeed({ kind: "author", slug: `missing-${writer.slug}` }, 20)).toEqual([]);
    expect(await listPublishedPostsForFeed({ kind: "tag", slug: draftTag }, 20)).toEqual([]);
  });
});

describe("sitemap reads", () => {
  const updatedAt = async (id: string) => (await db.post.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

  it("list every published post with its last change, and no drafts", async () => {
    const rows = await listPublishedPostsForSitemap();
    const bySlug = new Map(rows.map((row) => [row.slug, row.lastModified]));
    for (const key of ["oldest", "untagged", "byOther", "newest"]) {
      expect(bySlug.get(posts[key]!.slug)).toEqual(await updatedAt(posts[key]!.id));
    }
    expect(bySlug.has(posts.draftInTag!.slug)).toBe(false);
    expect(bySlug.has(posts.draftOfOther!.slug)).toBe(false);
  });

  it("list tags with published posts, dated by their newest published post", async () => {
    // An edit of the oldest post makes it the most recently changed one in the tag.
    await db.post.update({ where: { id: posts.oldest!.id }, data: { excerpt: "Edited." } });
    await db.post.update({ where: { id: posts.draftInTag!.id }, data: { excerpt: "Edited later, but a draft." } });
    const rows = await listTagsForSitemap();
    const found = rows.find((row) => row.slug === tag);
    expect(found?.lastModified).toEqual(await updatedAt(posts.oldest!.id));
    expect(slugs(rows)).not.toContain(draftTag);
    expect(slugs(rows)).toEqual([...slugs(rows)].sort());
  });

  it("list authors with published posts, dated by their newest published post", async () => {
    const rows = await listAuthorsForSitemap();
    const newestOfWriter = Math.max(...(await Promise.all(["oldest", "untagged", "newest"].map(async (key) => (await updatedAt(posts[key]!.id)).getTime()))));
    expect(rows.find((row) => row.slug === writer.slug)?.lastModified.getTime()).toBe(newestOfWriter);
    expect(rows.find((row) => row.slug === other.slug)?.lastModified).toEqual(await updatedAt(posts.byOther!.id));
    expect(slugs(rows)).not.toContain(draftOnly.slug);
  });
});

describe("renderFeed", () => {
  it("renders a tag's feed in each format with its published posts and a scoped title", async () => {
    const expected = [posts.newest!, posts.byOther!, posts.oldest!];
    const rss = (await renderFeed({ kind: "tag", slug: tag }, "rss"))!;
    expect(xmlError(rss)).toBeNull();
    const parsedRss = parseRssFeed(rss);
    expect(parsedRss.title).toMatch(new RegExp(` — ${tagName}$`));
    expect(parsedRss.link).toBe(absoluteUrl(`/tag/${tag}`));
    expect(parsedRss.items?.map((item) => item.link)).toEqual(expected.map((post) => absoluteUrl(`/blog/${post.slug}`)));
    expect(parsedRss.items?.[0]?.content?.encoded).toBe("<p>Newest body.</p>");

    const atom = (await renderFeed({ kind: "tag", slug: tag }, "atom"))!;
    expect(xmlError(atom)).toBeNull();
    expect(parseAtomFeed(atom).entries?.map((entry) => entry.title?.value)).toEqual(expected.map((post) => post.title));

    const json = parseJsonFeed(JSON.parse((await renderFeed({ kind: "tag", slug: tag }, "json"))!));
    expect(json.items?.map((item) => item.url)).toEqual(expected.map((post) => absoluteUrl(`/blog/${post.slug}`)));
  });

  it("renders an author's feed with their posts only", async () => {
    const json = JSON.parse((await renderFeed({ kind: "author", slug: writer.slug }, "json"))!);
    expect(json.title).toMatch(new RegExp(` — ${writer.name}$`));
    expect(json.items.map((item: { title: string }) => item.title)).toEqual([posts.newest!.title, posts.untagged!.title, posts.oldest!.title]);
  });

  it("is null for unknown tags and authors, and for those with drafts only", async () => {
    expect(await renderFeed({ kind: "tag", slug: `missing-${tag}` }, "rss")).toBeNull();
    expect(await renderFeed({ kind: "tag", slug: draftTag }, "atom")).toBeNull();
    expect(await renderFeed({ kind: "author", slug: `missing-${writer.slug}` }, "json")).toBeNull();
    expect(await renderFeed({ kind: "author", slug: draftOnly.slug }, "rss")).toBeNull();
  });

  it("drops unsafe links stored in a post body and makes relative ones absolute", async () => {
    const unsafe = await save(writer, "publish", { tags: [tagName] });
    // Written around savePost, as if the document predates its validation.
    await db.post.update({
      where: { id: unsafe.id },
      data: {
        content: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
                { type: "text", text: " about", marks: [{ type: "link", attrs: { href: "/about" } }] },
                { type: "text", text: "<script>alert(2)</script>" },
              ],
            },
          ],
        },
      },
    });
    const json = JSON.parse((await renderFeed({ kind: "tag", slug: tag }, "json"))!);
    const html: string = json.items.find((item: { title: string }) => item.title === unsafe.title).content_html;
    expect(html).toBe(`<p>click<a href="${absoluteUrl("/about")}"> about</a>&lt;script&gt;alert(2)&lt;/script&gt;</p>`);
  });
});

describe("renderFeed with a stored body the schema rejects", () => {
  it("shows that post's excerpt instead of failing the whole feed", async () => {
    const broken = await save(other, "publish", { tags: [tagName] });
    await db.post.update({
      where: { id: broken.id },
      data: { excerpt: "Excerpt <kept> & escaped.", content: { type: "doc", content: [{ type: "marquee", content: [{ type: "text", text: "x" }] }] } },
    });
    const json = JSON.parse((await renderFeed({ kind: "author", slug: other.slug }, "json"))!);
    expect(json.items.map((item: { title: string }) => item.title)).toEqual([broken.title, posts.byOther!.title]);
    expect(json.items[0].content_html).toBe("<p>Excerpt &lt;kept&gt; &amp; escaped.</p>");
  });
});

describe("renderSitemap", () => {
  it("lists home, published posts, and tags and authors with published posts, never drafts", async () => {
    const xml = (await renderSitemap(null))!;
    expect(xmlError(xml)).toBeNull();
    expect(xml).toContain("<urlset");
    expect(xml).toContain(`<loc>${absoluteUrl("/")}</loc>`);
    for (const key of ["oldest", "untagged", "byOther", "newest"]) expect(xml).toContain(`<loc>${absoluteUrl(`/blog/${posts[key]!.slug}`)}</loc>`);
    expect(xml).toContain(`<loc>${absoluteUrl(`/tag/${tag}`)}</loc>`);
    expect(xml).toContain(`<loc>${absoluteUrl(`/author/${writer.slug}`)}</loc>`);
    expect(xml).not.toContain(posts.draftInTag!.slug);
    expect(xml).not.toContain(draftTag);
    expect(xml).not.toContain(`/author/${draftOnly.slug}<`);
    expect([...xml.matchAll(/<url>/g)].length).toBe([...xml.matchAll(/<lastmod>/g)].length);
  });

  it("becomes an index whose children hold every URL once past the limit", async () => {
    const whole = (await renderSitemap(null))!;
    const all = [...whole.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc);
    const index = (await renderSitemap(null, 3))!;
    expect(index).toContain("<sitemapindex");
    const children = [...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc!.slice(absoluteUrl("/sitemaps/").length));
    expect(children.length).toBeGreaterThanOrEqual(Math.ceil(all.length / 3));
    const listed: string[] = [];
    for (const child of children) {
      const xml = (await renderSitemap(child, 3))!;
      const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc!);
      expect(locs.length).toBeLessThanOrEqual(3);
      listed.push(...locs);
    }
    expect(listed).toEqual(all);
    expect(await renderSitemap("posts-999.xml", 3)).toBeNull();
  });
});
