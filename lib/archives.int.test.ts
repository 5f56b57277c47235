import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listPublishedPostsByAuthor, listPublishedPostsByTag, POSTS_PER_PAGE, type PostPage } from "@/lib/posts";
import { getPublicTag, listPopularTags } from "@/lib/tags";
import { getPublicAuthor, listPublicAuthorSlugs, type SessionUser } from "@/lib/users";
import { createStaff, docOf, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

afterAll(async () => {
  await removeCreatedData();
});

type Staff = SessionUser & { slug: string };

/** A staff member made by the shared fixture, with the slug their author page lives at. */
async function staff(role: Parameters<typeof createStaff>[0]): Promise<Staff> {
  const user = await createStaff(role);
  const { slug } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { slug: true } });
  return { ...user, slug };
}

/** A tag named for this run (so removeCreatedData removes it), with its slug. */
async function tag(description: string | null = null): Promise<{ id: string; slug: string; name: string }> {
  const name = uniqueName("Tag");
  return db.tag.create({ data: { name, slug: name.toLowerCase().replaceAll(" ", "-"), description }, select: { id: true, slug: true, name: true } });
}

let clock = Date.UTC(2024, 0, 1);

interface PostOptions {
  status?: "DRAFT" | "SCHEDULED" | "PUBLISHED";
  tagIds?: string[];
}

/** A post by `author` straight in the database; published ones get increasing publishedAt values. */
async function post(author: Staff, { status = "PUBLISHED", tagIds = [] }: PostOptions = {}): Promise<{ id: string; slug: string }> {
  const title = uniqueName(`${status.toLowerCase()} post`);
  clock += 60_000;
  return db.post.create({
    data: {
      title,
      slug: title.toLowerCase().replaceAll(" ", "-"),
      content: docOf(`Body of ${title}.`),
      status,
      publishedAt: status === "PUBLISHED" ? new Date(clock) : null,
      authorId: author.id,
      tags: { create: tagIds.map((tagId, position) => ({ tagId, position })) },
    },
    select: { id: true, slug: true },
  });
}

/** Every page of a paginated read, checking that each page says how many pages there are. */
async function allPages(read: (page: number) => Promise<PostPage>): Promise<PostPage[]> {
  const first = await read(1);
  const pages = [first];
  for (let page = 2; page <= first.totalPages; page++) pages.push(await read(page));
  for (const result of pages) expect(result.totalPages).toBe(first.totalPages);
  return pages;
}

describe("tag archives", () => {
  let author: Staff;
  beforeAll(async () => {
    author = await staff("AUTHOR");
  });

  it("counts and lists only published posts with the tag, newest first, a page at a time", async () => {
    const subject = await tag("Everything about the subject.");
    const other = await tag();
    const published = [];
    for (let i = 0; i < POSTS_PER_PAGE + 2; i++) published.push(await post(author, { tagIds: i % 2 ? [other.id, subject.id] : [subject.id] }));
    await post(author, { status: "DRAFT", tagIds: [subject.id] });
    await post(author, { status: "SCHEDULED", tagIds: [subject.id] });
    await post(author, { tagIds: [other.id] });

    expect(await getPublicTag(subject.slug)).toEqual({
      name: subject.name,
      slug: subject.slug,
      description: "Everything about the subject.",
      postCount: POSTS_PER_PAGE + 2,
    });

    const pages = await allPages((page) => listPublishedPostsByTag(subject.slug, page));
    expect(pages).toHaveLength(2);
    expect(pages.map((result) => result.page)).toEqual([1, 2]);
    expect(pages[0]?.posts).toHaveLength(POSTS_PER_PAGE);
    const listed = pages.flatMap((result) => result.posts.map((summary) => summary.id));
    expect(listed).toEqual(published.map((row) => row.id).reverse());
    // Cards carry every tag of a post (in the post's order), not only the one being browsed.
    const twoTags = pages[0]?.posts.find((summary) => summary.tags.length === 2);
    expect(twoTags?.tags.map((ref) => ref.slug)).toEqual([other.slug, subject.slug]);

    const past = await listPublishedPostsByTag(subject.slug, 3);
    expect(past.posts).toEqual([]);
    expect(past.totalPages).toBe(2);
  });

  it("has no public tag when none of its posts are published", async () => {
    const draftsOnly = await tag();
    await post(author, { status: "DRAFT", tagIds: [draftsOnly.id] });
    await post(author, { status: "SCHEDULED", tagIds: [draftsOnly.id] });
    const unused = await tag();

    expect(await getPublicTag(draftsOnly.slug)).toBeNull();
    expect(await getPublicTag(unused.slug)).toBeNull();
    expect(await getPublicTag("no-such-tag-anywhere")).toBeNull();
    expect(await listPublishedPostsByTag(draftsOnly.slug, 1)).toEqual({ posts: [], page: 1, totalPages: 1 });
  });

  it("ranks popular tags by published posts only and leaves out tags without any", async () => {
    const [few, manyDrafts, draftsOnly] = [await tag(), await tag(), await tag()];
    for (let i = 0; i < 3; i++) await post(author, { tagIds: [few.id] });
    await post(author, { tagIds: [manyDrafts.id] });
    for (let i = 0; i < 5; i++) await post(author, { status: "DRAFT", tagIds: [manyDrafts.id, draftsOnly.id] });

    const popular = await listPopularTags(10_000);
    const mine = popular.filter((row) => [few.slug, manyDrafts.slug, draftsOnly.slug].includes(row.slug));
    expect(mine.map((row) => [row.slug, row.postCount])).toEqual([
      [few.slug, 3],
      [manyDrafts.slug, 1],
    ]);
    const counts = popular.map((row) => row.postCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await listPopularTags(1)).toHaveLength(1);
  });
});

describe("author archives", () => {
  it("shows an author with published posts: profile, count and their posts only, a page at a time", async () => {
    const author = await staff("AUTHOR");
    const someoneElse = await staff("EDITOR");
    await db.user.update({ where: { id: author.id }, data: { bio: "Writes about databases.", website: "https://ada.example/" } });
    const published = [];
    for (let i = 0; i < POSTS_PER_PAGE + 1; i++) published.push(await post(author));
    await post(author, { status: "DRAFT" });
    await post(someoneElse);

    const profile = await getPublicAuthor(author.slug);
    expect(profile).toEqual({ name: author.name, slug: author.slug, bio: "Writes about databases.", website: "https://ada.example/", postCount: POSTS_PER_PAGE + 1, avatarSrc: null });

    const pages = await allPages((page) => listPublishedPostsByAuthor(author.slug, page));
    expect(pages).toHaveLength(2);
    expect(pages[1]?.posts).toHaveLength(1);
    const listed = pages.flatMap((result) => result.posts);
    expect(listed.map((summary) => summary.id)).toEqual(published.map((row) => row.id).reverse());
    expect(new Set(listed.map((summary) => summary.author.slug))).toEqual(new Set([author.slug]));

    const slugs = await listPublicAuthorSlugs(10_000);
    expect(slugs).toContain(author.slug);
    expect(slugs).toContain(someoneElse.slug);
  });

  it("has no public page for staff without published posts", async () => {
    const drafter = await staff("CONTRIBUTOR");
    await post(drafter, { status: "DRAFT" });
    await post(drafter, { status: "SCHEDULED" });

    expect(await getPublicAuthor(drafter.slug)).toBeNull();
    expect(await getPublicAuthor("no-such-author-anywhere")).toBeNull();
    expect(await listPublishedPostsByAuthor(drafter.slug, 1)).toEqual({ posts: [], page: 1, totalPages: 1 });
    expect(await listPublicAuthorSlugs(10_000)).not.toContain(drafter.slug);
  });

  it("never hands readers a website that is not an http(s) URL", async () => {
    const author = await staff("AUTHOR");
    await post(author);
    for (const [stored, shown] of [
      ["javascript:alert(1)", null],
      ["data:text/html,hi", null],
      ["not a url", null],
      ["", null],
      ["  http://example.org/me  ", "http://example.org/me"],
    ] as const) {
      await db.user.update({ where: { id: author.id }, data: { website: stored } });
      expect((await getPublicAuthor(author.slug))?.website, stored).toBe(shown);
    }
  });
});
