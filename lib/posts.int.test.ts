import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import {
  createDraft,
  deletePost,
  getEditablePost,
  getPublishedPost,
  listPostsForAdmin,
  listPublishedPosts,
  PostConflictError,
  savePost,
  type EditablePost,
  type SaveIntent,
} from "@/lib/posts";
import type { PostDoc } from "@/lib/editor/doc";
import { listHeadings, tableOfContents } from "@/lib/editor/headings";
import { Prisma } from "@/lib/generated/prisma/client";
import { renderPostBodyHtml } from "@/lib/posts/body-html";
import { BODY_RENDERER } from "@/lib/posts/stored-body";
import { slugify } from "@/lib/slug";
import type { SessionUser } from "@/lib/users";
import {
  createStaffSet,
  docJson,
  docOf,
  expectDomainError,
  postInput,
  removeCreatedData,
  runId,
  storedPost,
  uniqueName,
} from "@/tests/integration/fixtures";

let contributor: SessionUser;
let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  ({ contributor, author, otherAuthor, editor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
});

type SaveFields = Parameters<typeof postInput>[0];

/** A new draft of `actor`'s, saved once through savePost with these fields. */
async function draft(actor: SessionUser, fields: SaveFields = {}): Promise<EditablePost> {
  const { id } = await createDraft(actor);
  const { post } = await savePost(actor, postInput({ title: uniqueName("Draft"), ...fields, id, version: 1 }), "save");
  return post;
}

/** Saves `post` as loaded (same version) with these field changes. */
async function resave(actor: SessionUser, post: EditablePost, intent: SaveIntent, fields: SaveFields = {}) {
  return savePost(
    actor,
    postInput({
      id: post.id,
      version: post.version,
      title: post.title,
      customExcerpt: post.customExcerpt,
      tags: post.tags,
      content: JSON.stringify(post.content),
      ...fields,
    }),
    intent,
  );
}

async function published(actor: SessionUser, fields: SaveFields = {}): Promise<EditablePost> {
  return (await resave(actor, await draft(actor, fields), "publish")).post;
}

/** Ids of every published post, across all pages of the reader list. */
async function publishedIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listPublishedPosts(page);
    ids.push(...result.posts.map((post) => post.id));
    if (page >= result.totalPages) return ids;
  }
}

/** "ok" for each fulfilled outcome, else the DomainError code (or the error itself, to show what went wrong). */
function codes(outcomes: PromiseSettledResult<unknown>[]): string[] {
  return outcomes.map((outcome) =>
    outcome.status === "fulfilled" ? "ok" : outcome.reason instanceof DomainError ? outcome.reason.code : String(outcome.reason),
  );
}

async function adminIds(actor: SessionUser): Promise<string[]> {
  return (await listPostsForAdmin(actor)).map((row) => row.id);
}

describe("publishing and reader visibility", () => {
  it("keeps a draft from readers until it is published, and sets publishedAt on the first publish only", async () => {
    const { id } = await createDraft(author);
    const created = await getEditablePost(author, id);
    expect(created).toMatchObject({ status: "DRAFT", version: 1, publishedAt: null, slugFrozen: false });

    const title = uniqueName("Visible later");
    const { post: saved } = await savePost(author, postInput({ id, version: 1, title, content: docJson("Hello, readers.") }), "save");
    expect(saved.slug).toBe(slugify(title));
    expect(await getPublishedPost(saved.slug)).toBeNull();
    expect(await publishedIds()).not.toContain(id);

    const before = new Date();
    const { post: live } = await resave(author, saved, "publish");
    const after = new Date();
    expect(live.status).toBe("PUBLISHED");
    expect(live.publishedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(live.publishedAt!.getTime()).toBeLessThanOrEqual(after.getTime());

    const reader = await getPublishedPost(live.slug);
    expect(reader).toMatchObject({ id, title, slug: live.slug, publishedAt: live.publishedAt, author: { name: author.name } });
    expect(reader?.body.html).toBe((await renderPostBodyHtml(docOf("Hello, readers."))).html);
    expect(await publishedIds()).toContain(id);

    const { post: edited } = await resave(author, live, "save", { content: docJson("Hello again, readers.") });
    expect(edited.status).toBe("PUBLISHED");
    expect(edited.publishedAt).toEqual(live.publishedAt);
    expect((await getPublishedPost(live.slug))?.body.html).toBe((await renderPostBodyHtml(docOf("Hello again, readers."))).html);
  });

  it("hides an unpublished post from readers, and keeps the first publishedAt when it is published again", async () => {
    const live = await published(author);
    const { post: unpublished, publicTags } = await resave(author, live, "unpublish");
    expect(unpublished).toMatchObject({ status: "DRAFT", publishedAt: live.publishedAt, slug: live.slug });
    expect(publicTags).toContain(`post:${live.slug}`);
    expect(await getPublishedPost(live.slug)).toBeNull();
    expect(await publishedIds()).not.toContain(live.id);

    const { post: again } = await resave(author, unpublished, "publish");
    expect(again.status).toBe("PUBLISHED");
    expect(again.publishedAt).toEqual(live.publishedAt);
    expect((await getPublishedPost(live.slug))?.publishedAt).toEqual(live.publishedAt);
  });

  it("refuses to unpublish a post that is not published (INVALID_STATE)", async () => {
    const post = await draft(author);
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "unpublish"), "INVALID_STATE");
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("never returns a scheduled post to readers", async () => {
    const post = await draft(author);
    await db.post.update({ where: { id: post.id }, data: { status: "SCHEDULED", publishedAt: new Date(Date.now() + 86_400_000) } });
    expect(await getPublishedPost(post.slug)).toBeNull();
    expect(await publishedIds()).not.toContain(post.id);
  });

  it("removes a deleted post everywhere", async () => {
    const live = await published(author, { tags: [uniqueName("Deleted topic")] });
    const { publicTags } = await deletePost(author, { id: live.id, version: live.version });
    expect(publicTags).toEqual(expect.arrayContaining(["posts", `post:${live.slug}`, `tag:${slugify(live.tags[0]!)}`]));
    expect(await getPublishedPost(live.slug)).toBeNull();
    expect(await publishedIds()).not.toContain(live.id);
    expect(await getEditablePost(author, live.id)).toBeNull();
    expect(await adminIds(author)).not.toContain(live.id);
    expect(await adminIds(editor)).not.toContain(live.id);
    expect(await storedPost(live.id)).toBeNull();
  });

  it("deletes a never-published draft without public cache tags", async () => {
    const post = await draft(author);
    expect(await deletePost(author, { id: post.id, version: post.version })).toEqual({ publicTags: [] });
    expect(await storedPost(post.id)).toBeNull();
  });
});

describe("derived fields", () => {
  it("derives the excerpt from the body's paragraphs, plaintext and word count, unless a custom excerpt is given", async () => {
    const post = await draft(author, { content: docJson({ heading: "Why caches lie" }, "Stale reads are cheap.", "Until they are not.") });
    const row = await storedPost(post.id);
    expect(row).toMatchObject({
      plaintext: "Why caches lie\nStale reads are cheap.\nUntil they are not.",
      excerpt: "Stale reads are cheap. Until they are not.",
      wordCount: 11,
      customExcerpt: null,
    });

    const { post: custom } = await resave(author, post, "save", { customExcerpt: "  A custom summary.  " });
    expect(custom.customExcerpt).toBe("A custom summary.");
    expect(await storedPost(post.id)).toMatchObject({ excerpt: "A custom summary.", customExcerpt: "A custom summary.", wordCount: 11 });

    const { post: live } = await resave(author, custom, "publish");
    expect((await getPublishedPost(live.slug))?.excerpt).toBe("A custom summary.");

    await resave(author, live, "save", { customExcerpt: "" });
    expect(await storedPost(post.id)).toMatchObject({ excerpt: "Stale reads are cheap. Until they are not.", customExcerpt: null });
  });

  it("cuts a long body's excerpt at a word boundary", async () => {
    const sentence = "Every pipeline eventually meets a schema change it did not expect. ";
    const post = await draft(author, { content: docJson(sentence.repeat(10)) });
    const row = await storedPost(post.id);
    expect(row!.wordCount).toBe(110);
    expect(row!.excerpt.endsWith("…")).toBe(true);
    expect(row!.excerpt.length).toBeLessThanOrEqual(281);
    expect(sentence.repeat(10).startsWith(row!.excerpt.slice(0, -1))).toBe(true);
  });

  it("lets the slug follow the title until the first publish, then freezes it", async () => {
    const firstTitle = uniqueName("First title");
    const post = await draft(author, { title: firstTitle });
    expect(post.slug).toBe(slugify(firstTitle));

    const secondTitle = uniqueName("Second title");
    const { post: renamed } = await resave(author, post, "save", { title: secondTitle });
    expect(renamed.slug).toBe(slugify(secondTitle));

    const { post: live } = await resave(author, renamed, "publish");
    expect(live).toMatchObject({ slug: slugify(secondTitle), slugFrozen: true });

    const thirdTitle = uniqueName("Third title");
    const { post: retitled } = await resave(author, live, "save", { title: thirdTitle });
    expect(retitled.slug).toBe(slugify(secondTitle));
    expect((await getPublishedPost(slugify(secondTitle)))?.title).toBe(thirdTitle);
    expect(await getPublishedPost(slugify(thirdTitle))).toBeNull();

    const { post: unpublished } = await resave(author, retitled, "unpublish", { title: uniqueName("Fourth title") });
    expect(unpublished.slug).toBe(slugify(secondTitle));
  });

  it("gives a derived slug a numeric suffix when another post has it", async () => {
    const title = uniqueName("Same title");
    const first = await draft(author, { title });
    const second = await draft(otherAuthor, { title });
    expect(first.slug).toBe(slugify(title));
    expect(second.slug).toBe(`${slugify(title)}-2`);

    const { post: resaved } = await resave(author, first, "save", { content: docJson("Edited.") });
    expect(resaved.slug).toBe(first.slug);
  });

  it("refuses an explicit slug another post uses (SLUG_TAKEN) and changes nothing", async () => {
    const holder = await draft(otherAuthor);
    const post = await draft(author);
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "save", { slug: holder.slug, content: docJson("Changed.") }), "SLUG_TAKEN");
    expect(await storedPost(post.id)).toEqual(before);
    expect(await storedPost(holder.id)).toMatchObject({ slug: holder.slug });
  });

  it("takes a free explicit slug, keeps it through title changes, and accepts the post's own slug again", async () => {
    const slug = `chosen-${runId}-${Date.now()}`;
    const post = await draft(author);
    const { post: withSlug } = await resave(author, post, "save", { slug });
    expect(withSlug.slug).toBe(slug);
    const { post: again } = await resave(author, withSlug, "save", { slug, title: uniqueName("Other title") });
    expect(again.slug).toBe(slug);
  });

  it("refuses to publish a post without a title (INVALID_INPUT) and changes nothing", async () => {
    const post = await draft(author);
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "publish", { title: "   " }), "INVALID_INPUT");
    expect(await storedPost(post.id)).toEqual(before);
  });
});

describe("optimistic locking", () => {
  it("lets exactly one of two concurrent saves from the same version win; the other gets CONFLICT", async () => {
    // Several rounds, so that a race the database does not serialise would show up.
    let post = await draft(author, { tags: [uniqueName("Race base")] });
    for (let round = 0; round < 5; round++) {
      const contenders = ["A", "B"].map((side) => ({
        title: uniqueName(`Race ${side}`),
        content: docJson(`Version from ${side} in round ${round}.`),
        tags: [uniqueName(`Race tag ${side}`)],
      }));
      const outcomes = await Promise.allSettled(contenders.map((fields) => resave(author, post, "save", fields)));

      expect(codes(outcomes).sort()).toEqual(["CONFLICT", "ok"]);
      const winner = outcomes.findIndex((outcome) => outcome.status === "fulfilled");

      const stored = await storedPost(post.id);
      expect(stored).toMatchObject({
        version: post.version + 1,
        title: contenders[winner]!.title,
        content: JSON.parse(contenders[winner]!.content),
      });
      expect(stored!.tags.map((link) => link.tag.name)).toEqual(contenders[winner]!.tags);
      // The loser's transaction rolled back whole, including the tag it created.
      expect(await db.tag.count({ where: { slug: slugify(contenders[1 - winner]!.tags[0]!) } })).toBe(0);
      post = (await getEditablePost(author, post.id))!;
    }
  });

  it("refuses a save based on a version another save replaced (CONFLICT) and changes nothing", async () => {
    const post = await draft(author);
    await resave(author, post, "save", { content: docJson("First writer.") });
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "save", { content: docJson("Second writer.") }), "CONFLICT");
    await expectDomainError(resave(author, post, "publish"), "CONFLICT");
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("answers a conflicting save with the stored version, so the editor can compare without another request", async () => {
    const post = await draft(author);
    const { post: other } = await resave(author, post, "save", { title: "Saved elsewhere", content: docJson("Their text.") });
    const refused = await resave(author, post, "save", { content: docJson("My text.") }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PostConflictError);
    expect((refused as PostConflictError).code).toBe("CONFLICT");
    expect((refused as PostConflictError).current).toMatchObject({
      version: other.version,
      title: "Saved elsewhere",
      content: JSON.parse(docJson("Their text.")),
      status: "DRAFT",
    });
  });

  it("refuses to delete at a stale version (CONFLICT) and keeps the post", async () => {
    const post = await draft(author);
    await resave(author, post, "save", { content: docJson("Newer.") });
    await expectDomainError(deletePost(author, { id: post.id, version: post.version }), "CONFLICT");
    expect(await storedPost(post.id)).toMatchObject({ version: post.version + 1 });
  });
});

describe("concurrent writes", () => {
  it("lets exactly one of a delete and a save from the same version win; the other gets CONFLICT", async () => {
    const post = await draft(author);
    const outcomes = await Promise.allSettled([
      deletePost(author, { id: post.id, version: post.version }),
      resave(author, post, "save", { content: docJson("Saved while deleted.") }),
    ]);
    expect(codes(outcomes).sort()).toEqual(["CONFLICT", "ok"]);
    const stored = await storedPost(post.id);
    if (outcomes[0].status === "fulfilled") expect(stored).toBeNull();
    else expect(stored).toMatchObject({ version: post.version + 1, content: docOf("Saved while deleted.") });
  });

  it("creates distinct slugs for drafts created at once", async () => {
    const outcomes = await Promise.allSettled([createDraft(author), createDraft(author), createDraft(author)]);
    expect(codes(outcomes)).toEqual(["ok", "ok", "ok"]);
    const ids = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value.id] : []));
    const slugs = (await db.post.findMany({ where: { id: { in: ids } }, select: { slug: true } })).map((row) => row.slug);
    expect(new Set(slugs).size).toBe(3);
  });

  it("saves two posts that add the same new tag at once, and creates that tag once", async () => {
    for (let round = 0; round < 3; round++) {
      const tag = uniqueName("Shared new tag");
      const [first, second] = await Promise.all([draft(author), draft(author)]);
      const outcomes = await Promise.allSettled([first!, second!].map((post) => resave(author, post, "save", { tags: [tag] })));
      expect(codes(outcomes)).toEqual(["ok", "ok"]);
      expect(await db.tag.count({ where: { slug: slugify(tag) } })).toBe(1);
    }
  });

  it("answers CONFLICT, not SLUG_TAKEN, to the loser of two saves of one post that add the same new tag", async () => {
    let post = await draft(author);
    for (let round = 0; round < 3; round++) {
      const tag = uniqueName("Contested new tag");
      const outcomes = await Promise.allSettled(
        ["A", "B"].map((side) => resave(author, post, "save", { tags: [tag], content: docJson(`${side} ${round}`) })),
      );
      expect(codes(outcomes).sort()).toEqual(["CONFLICT", "ok"]);
      post = (await getEditablePost(author, post.id))!;
    }
  });

  it("gives two drafts saved at once with the same title distinct derived slugs instead of SLUG_TAKEN", async () => {
    for (let round = 0; round < 3; round++) {
      const title = uniqueName("Same title at once");
      const [first, second] = await Promise.all([createDraft(author), createDraft(otherAuthor)]);
      const outcomes = await Promise.allSettled([
        savePost(author, postInput({ id: first.id, version: 1, title }), "save"),
        savePost(otherAuthor, postInput({ id: second.id, version: 1, title }), "save"),
      ]);
      expect(codes(outcomes)).toEqual(["ok", "ok"]);
      const slugs = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value.post.slug] : []));
      expect(slugs.sort()).toEqual([slugify(title), `${slugify(title)}-2`]);
    }
  });
});

describe("document validation", () => {
  const link = (href: string) =>
    JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }] }] });

  it.each([
    ["an unknown node type", JSON.stringify({ type: "doc", content: [{ type: "iframe", attrs: { src: "https://example.com" } }] })],
    ["an unknown mark", JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "blink" }] }] }] })],
    ["a javascript: link", link("javascript:alert(1)")],
    ["a mixed-case javascript: link", link("JavaScript:alert(1)")],
    ["a javascript: link with a tab in the scheme", link("java\tscript:alert(1)")],
    ["a data: link", link("data:text/html,<script>alert(1)</script>")],
    ["a javascript: image", JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "javascript:alert(1)" } }] })],
    ["a root that is not a doc", JSON.stringify({ type: "paragraph", content: [{ type: "text", text: "x" }] })],
    ["text that is not JSON", "not json"],
  ])("refuses %s (INVALID_DOCUMENT) and changes nothing", async (_, content) => {
    const post = await draft(author);
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "save", { content }), "INVALID_DOCUMENT");
    await expectDomainError(resave(author, post, "publish", { content }), "INVALID_DOCUMENT");
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("creates nothing when a first save without an id carries an invalid document", async () => {
    const title = uniqueName("Never stored");
    await expectDomainError(savePost(author, postInput({ title, content: link("javascript:alert(1)") }), "save"), "INVALID_DOCUMENT");
    expect(await db.post.count({ where: { title } })).toBe(0);
  });
});

describe("permissions at the data layer", () => {
  it("lets a contributor create and save their own draft but not publish it (FORBIDDEN)", async () => {
    const post = await draft(contributor, { content: docJson("A contribution.") });
    expect(post).toMatchObject({ status: "DRAFT", canPublish: false });
    const { post: saved } = await resave(contributor, post, "save", { content: docJson("A better contribution.") });
    expect(saved.version).toBe(post.version + 1);

    const before = await storedPost(post.id);
    await expectDomainError(resave(contributor, saved, "publish"), "FORBIDDEN");
    expect(await storedPost(post.id)).toEqual(before);

    const title = uniqueName("Straight to publish");
    await expectDomainError(savePost(contributor, postInput({ title, content: docJson("No.") }), "publish"), "FORBIDDEN");
    expect(await db.post.count({ where: { title } })).toBe(0);
  });

  it("refuses a new tag from a contributor (FORBIDDEN) but lets them use an existing one", async () => {
    const existingName = uniqueName("Existing tag");
    const existing = await db.tag.create({ data: { name: existingName, slug: slugify(existingName) } });
    const post = await draft(contributor);
    const before = await storedPost(post.id);
    const newTag = uniqueName("Contributor tag");

    await expectDomainError(resave(contributor, post, "save", { tags: [existing.name, newTag] }), "FORBIDDEN");
    expect(await db.tag.count({ where: { slug: slugify(newTag) } })).toBe(0);
    expect(await storedPost(post.id)).toEqual(before);

    const { post: tagged } = await resave(contributor, post, "save", { tags: [existing.slug] });
    expect(tagged.tags).toEqual([existing.name]);
  });

  it("hides another author's post from an author: null to read, NOT_FOUND to save, publish or delete", async () => {
    const theirs = await draft(otherAuthor, { content: docJson("Mine, not yours.") });
    const before = await storedPost(theirs.id);

    expect(await getEditablePost(author, theirs.id)).toBeNull();
    await expectDomainError(resave(author, theirs, "save", { content: docJson("Hijacked.") }), "NOT_FOUND");
    await expectDomainError(resave(author, theirs, "publish"), "NOT_FOUND");
    await expectDomainError(deletePost(author, { id: theirs.id, version: theirs.version }), "NOT_FOUND");
    expect(await storedPost(theirs.id)).toEqual(before);

    const theirsLive = await published(otherAuthor);
    await expectDomainError(resave(author, theirsLive, "unpublish"), "NOT_FOUND");
    expect(await getPublishedPost(theirsLive.slug)).not.toBeNull();
  });

  it("answers NOT_FOUND the same way for a post that does not exist", async () => {
    await expectDomainError(savePost(author, postInput({ id: `missing-${runId}`, version: 1, title: "x" }), "save"), "NOT_FOUND");
    await expectDomainError(deletePost(author, { id: `missing-${runId}`, version: 1 }), "NOT_FOUND");
    expect(await getEditablePost(editor, `missing-${runId}`)).toBeNull();
  });

  it("lets an editor edit and publish anyone's post, which stays its author's", async () => {
    const theirs = await draft(contributor, { content: docJson("Needs an editor.") });
    const opened = await getEditablePost(editor, theirs.id);
    expect(opened).toMatchObject({ id: theirs.id, canPublish: true, canDelete: true, authorName: contributor.name });

    const { post: live } = await resave(editor, opened!, "publish", { content: docJson("Edited by an editor.") });
    expect(live.status).toBe("PUBLISHED");
    expect(await storedPost(theirs.id)).toMatchObject({ authorId: contributor.id });
    expect((await getPublishedPost(live.slug))?.author.name).toBe(contributor.name);

    // A contributor edits drafts only: once published, the post is out of their hands.
    expect(await getEditablePost(contributor, theirs.id)).toBeNull();
  });

  it("lists only the actor's own posts for an author, and everyone's for an editor", async () => {
    const mine = await draft(author);
    const theirs = await draft(otherAuthor);

    const authorView = await adminIds(author);
    expect(authorView).toContain(mine.id);
    expect(authorView).not.toContain(theirs.id);
    const ownIds = (await db.post.findMany({ where: { authorId: author.id }, select: { id: true } })).map((row) => row.id);
    expect(authorView.every((id) => ownIds.includes(id))).toBe(true);

    const editorView = await adminIds(editor);
    expect(editorView).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});

describe("tags", () => {
  it("slugifies and deduplicates tag names, keeps their order, and makes the first the primary tag", async () => {
    const zeta = uniqueName("Zeta Topic");
    const alpha = uniqueName("alpha");
    const post = await draft(author, { tags: [zeta, alpha, zeta.toUpperCase(), slugify(zeta)] });
    expect(post.tags).toEqual([zeta, alpha]);

    const stored = await storedPost(post.id);
    expect(stored!.tags.map((link) => [link.position, link.tag.slug, link.tag.name])).toEqual([
      [0, slugify(zeta), zeta],
      [1, slugify(alpha), alpha],
    ]);

    const { post: live } = await resave(author, post, "publish");
    expect((await getPublishedPost(live.slug))?.tags).toEqual([
      { name: zeta, slug: slugify(zeta) },
      { name: alpha, slug: slugify(alpha) },
    ]);
  });

  it("refuses a tag name with nothing to slugify (INVALID_INPUT) and changes nothing", async () => {
    const post = await draft(author);
    const before = await storedPost(post.id);
    await expectDomainError(resave(author, post, "save", { tags: [uniqueName("Fine"), "???"] }), "INVALID_INPUT");
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("replaces a post's tags when it is saved with different ones", async () => {
    const [first, second, third] = [uniqueName("One"), uniqueName("Two"), uniqueName("Three")];
    const post = await draft(author, { tags: [first, second] });
    const { post: retagged } = await resave(author, post, "save", { tags: [third, first] });
    expect(retagged.tags).toEqual([third, first]);
    const stored = await storedPost(post.id);
    expect(stored!.tags.map((link) => [link.position, link.tag.name])).toEqual([
      [0, third],
      [1, first],
    ]);

    const { post: untagged } = await resave(author, retagged, "save", { tags: [] });
    expect(untagged.tags).toEqual([]);
    expect((await storedPost(post.id))!.tags).toEqual([]);
  });

  it("returns the public cache tags of a published post's pages, and none for a never-published draft", async () => {
    const [tagA, tagB] = [uniqueName("Cache A"), uniqueName("Cache B")];
    const authorSlug = (await db.user.findUniqueOrThrow({ where: { id: author.id }, select: { slug: true } })).slug;

    const { id } = await createDraft(author);
    const first = await savePost(author, postInput({ id, version: 1, title: uniqueName("Cache tags"), tags: [tagA] }), "save");
    expect(first.publicTags).toEqual([]);
    const second = await resave(author, first.post, "save", { tags: [tagB] });
    expect(second.publicTags).toEqual([]);

    const live = await resave(author, second.post, "publish");
    expect(live.publicTags).toEqual(
      expect.arrayContaining(["posts", `post:${live.post.slug}`, `author:${authorSlug}`, `tag:${slugify(tagB)}`]),
    );

    // Pages of the tag it leaves change too.
    const retagged = await resave(author, live.post, "save", { tags: [tagA] });
    expect(retagged.publicTags).toEqual(
      expect.arrayContaining(["posts", `post:${live.post.slug}`, `author:${authorSlug}`, `tag:${slugify(tagA)}`, `tag:${slugify(tagB)}`]),
    );

    const newPublished = await savePost(author, postInput({ title: uniqueName("Published at once"), content: docJson("Now.") }), "publish");
    expect(newPublished.publicTags).toEqual(expect.arrayContaining(["posts", `post:${newPublished.post.slug}`, `author:${authorSlug}`]));
  });
});

describe("the reader's body HTML", () => {
  const row = (id: string) => db.post.findUniqueOrThrow({ where: { id }, select: { bodyHtml: true, bodyHtmlRenderer: true } });

  it("is rendered when a post is published or a published post saved, not for drafts, and the reader page uses the stored copy", async () => {
    const saved = await draft(author, { content: docJson("Stored when published.") });
    expect(await row(saved.id)).toEqual({ bodyHtml: null, bodyHtmlRenderer: null });

    const live = (await resave(author, saved, "publish")).post;
    const stored = await row(live.id);
    expect(stored.bodyHtmlRenderer).toBe(BODY_RENDERER);
    expect(stored.bodyHtml).toBe((await renderPostBodyHtml(docOf("Stored when published."))).html);

    // The page takes what the save stored, not a new rendering of the document.
    await db.post.update({ where: { id: live.id }, data: { bodyHtml: "<p>as stored</p>" } });
    expect((await getPublishedPost(live.slug))?.body.html).toBe("<p>as stored</p>");

    const edited = (await resave(author, live, "save", { content: docJson("Edited while live.") })).post;
    expect((await row(edited.id)).bodyHtml).toContain("Edited while live.");
    expect((await getPublishedPost(edited.slug))?.body.html).toContain("Edited while live.");

    await resave(author, edited, "unpublish");
    expect(await row(edited.id)).toEqual({ bodyHtml: null, bodyHtmlRenderer: null });
  });

  it("is rendered from the document when it was stored by another renderer or not at all", async () => {
    const live = await published(author, { content: docJson("Rendered on the first visit.") });
    await db.post.update({ where: { id: live.id }, data: { bodyHtml: "<p>stale</p>", bodyHtmlRenderer: "an older renderer" } });
    expect((await getPublishedPost(live.slug))?.body.html).toContain("Rendered on the first visit.");
    await db.post.update({ where: { id: live.id }, data: { bodyHtml: null, bodyHtmlRenderer: null } });
    expect((await getPublishedPost(live.slug))?.body.html).toContain("Rendered on the first visit.");
  });
});

describe("the reader's table of contents", () => {
  const sections = ["Why", { heading: "Setting up" }, "Text.", { heading: "Running it" }, "More.", { heading: "What broke" }, "End."] as const;
  const stored = async (id: string) => (await db.post.findUniqueOrThrow({ where: { id }, select: { bodyToc: true } })).bodyToc;
  const expected = tableOfContents(listHeadings(docOf(...sections) as PostDoc));

  it("is stored with the body when a post is published or saved, not for drafts, and the reader page uses the stored copy", async () => {
    expect(expected.map((entry) => entry.text)).toEqual(["Setting up", "Running it", "What broke"]);
    const saved = await draft(author, { content: docJson(...sections) });
    expect(await stored(saved.id)).toBeNull();

    const live = (await resave(author, saved, "publish")).post;
    expect(await stored(live.id)).toEqual(expected);
    expect((await getPublishedPost(live.slug))?.toc).toEqual(expected);

    // The page takes what the save stored, not the headings of the document.
    const marked = [{ id: "as-stored", text: "As stored", children: [] }];
    await db.post.update({ where: { id: live.id }, data: { bodyToc: marked } });
    expect((await getPublishedPost(live.slug))?.toc).toEqual(marked);

    const edited = (await resave(author, live, "save", { content: docJson("No headings now.") })).post;
    expect(await stored(edited.id)).toEqual([]);
    expect((await getPublishedPost(edited.slug))?.toc).toEqual([]);

    await resave(author, edited, "unpublish");
    expect(await stored(edited.id)).toBeNull();
  });

  it("is worked out from the document, with the body, when it is missing or stored by another renderer", async () => {
    const live = await published(author, { content: docJson(...sections) });
    // A body stored before tables of contents were: neither stored copy is used.
    await db.post.update({ where: { id: live.id }, data: { bodyHtml: "<p>stale</p>", bodyToc: Prisma.DbNull } });
    const page = await getPublishedPost(live.slug);
    expect(page?.toc).toEqual(expected);
    expect(page?.body.html).toBe((await renderPostBodyHtml(docOf(...sections))).html);

    await db.post.update({ where: { id: live.id }, data: { bodyToc: [{ id: "stale", text: "Stale", children: [] }], bodyHtmlRenderer: "an older renderer" } });
    expect((await getPublishedPost(live.slug))?.toc).toEqual(expected);
  });
});
