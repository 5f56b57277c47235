import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, deletePost, savePost, type EditablePost, type SaveIntent } from "@/lib/posts";
import { answerRetiredPostUrl } from "@/lib/retired-post-urls";
import { forgetRetiredSlugs, getRetiredSlug, listRetiredSlugs } from "@/lib/slug-history";
import { absoluteUrl } from "@/lib/urls";
import type { SessionUser } from "@/lib/users";
import { createStaffSet, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let author: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  ({ author, editor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
});

async function save(post: EditablePost | null, intent: SaveIntent, fields: { title?: string; slug?: string } = {}): Promise<EditablePost> {
  const id = post?.id ?? (await createDraft(author)).id;
  const { post: saved } = await savePost(
    author,
    postInput({ id, version: post?.version ?? 1, title: fields.title ?? post?.title ?? uniqueName("Moving post"), slug: fields.slug ?? post?.slug ?? "" }),
    intent,
  );
  return saved;
}

const slugOf = (label: string) => uniqueName(label).toLowerCase().replaceAll(" ", "-");

describe("retired slugs", () => {
  it("a published post's old slug redirects to its new one, through every later rename", async () => {
    const first = slugOf("first");
    const second = slugOf("second");
    const third = slugOf("third");
    let post = await save(null, "publish", { slug: first });
    post = await save(post, "save", { slug: second });
    await save(post, "save", { slug: third });

    const retired = await listRetiredSlugs();
    expect(retired.get(first)).toEqual({ kind: "moved", slug: third });
    expect(retired.get(second)).toEqual({ kind: "moved", slug: third });
    expect(retired.has(third)).toBe(false);
    expect(await getRetiredSlug(first)).toEqual({ kind: "moved", slug: third });
  });

  it("a draft's slug changes leave no history: readers never saw them", async () => {
    const before = slugOf("draft-before");
    const post = await save(null, "save", { slug: before });
    await save(post, "save", { slug: slugOf("draft-after") });
    expect(await db.postSlug.count({ where: { slug: before } })).toBe(0);
  });

  it("an unpublished post's old slugs answer nothing until it is published again", async () => {
    const old = slugOf("old");
    let post = await save(null, "publish", { slug: old });
    post = await save(post, "save", { slug: slugOf("new") });
    post = await save(post, "unpublish");
    expect((await listRetiredSlugs()).has(old)).toBe(false);
    post = await save(post, "publish");
    expect((await listRetiredSlugs()).get(old)).toEqual({ kind: "moved", slug: post.slug });
  });

  it("deleting a published post makes its current and old slugs gone", async () => {
    const old = slugOf("doomed-old");
    let post = await save(null, "publish", { slug: old });
    post = await save(post, "save", { slug: slugOf("doomed") });
    await deletePost(author, { id: post.id, version: post.version });

    const retired = await listRetiredSlugs();
    expect(retired.get(post.slug)).toEqual({ kind: "gone" });
    expect(retired.get(old)).toEqual({ kind: "gone" });
  });

  it("deleting a post that was never published leaves nothing behind", async () => {
    const post = await save(null, "save", { slug: slugOf("never-public") });
    await deletePost(author, { id: post.id, version: post.version });
    expect(await db.postSlug.count({ where: { slug: post.slug } })).toBe(0);
  });

  it("a newly published post takes over a retired slug, which then stops redirecting", async () => {
    const shared = slugOf("shared");
    let moved = await save(null, "publish", { slug: shared });
    moved = await save(moved, "save", { slug: slugOf("moved-away") });
    expect((await listRetiredSlugs()).get(shared)).toEqual({ kind: "moved", slug: moved.slug });

    const draft = await save(null, "save", { slug: shared });
    expect((await listRetiredSlugs()).has(shared)).toBe(true);
    await save(draft, "publish");
    expect((await listRetiredSlugs()).has(shared)).toBe(false);
  });

  it("an editor's rename of someone else's post is recorded the same way", async () => {
    const old = slugOf("editor-old");
    const post = await save(null, "publish", { slug: old });
    await savePost(editor, postInput({ id: post.id, version: post.version, title: post.title, slug: slugOf("editor-new") }), "save");
    expect((await listRetiredSlugs()).get(old)).toMatchObject({ kind: "moved" });
  });

  it("the in-memory table sees a write in this process at once, and not before it is told", async () => {
    const old = slugOf("memory-old");
    let post = await save(null, "publish", { slug: old });
    forgetRetiredSlugs();
    expect(await getRetiredSlug(old)).toBeNull();
    post = await save(post, "save", { slug: slugOf("memory-new") });
    expect(await getRetiredSlug(old)).toEqual({ kind: "moved", slug: post.slug });

    // A row written behind the app's back (another instance) is not seen until the table is reloaded.
    const outside = slugOf("outside");
    await db.postSlug.create({ data: { slug: outside, postId: null } });
    expect(await getRetiredSlug(outside)).toBeNull();
    forgetRetiredSlugs();
    expect(await getRetiredSlug(outside)).toEqual({ kind: "gone" });
  });

  it("the server answers an old post URL with 301 to the current one, keeping the query, and a deleted one with 410", async () => {
    const old = slugOf("answered-old");
    let post = await save(null, "publish", { slug: old });
    post = await save(post, "save", { slug: slugOf("answered-new") });

    const moved = await answerRetiredPostUrl("GET", `/blog/${old}`, "?ref=feed&x=1");
    expect(moved).toMatchObject({ status: 301, body: "" });
    expect(moved?.headers.Location).toBe(`${absoluteUrl(`/blog/${post.slug}`)}?ref=feed&x=1`);
    expect((await answerRetiredPostUrl("HEAD", `/blog/${old}`, ""))?.status).toBe(301);

    // Only reads of the post URL itself: not writes, not the live slug, not nested routes or other paths.
    expect(await answerRetiredPostUrl("POST", `/blog/${old}`, "")).toBeNull();
    expect(await answerRetiredPostUrl("GET", `/blog/${post.slug}`, "")).toBeNull();
    expect(await answerRetiredPostUrl("GET", `/blog/${old}/social-image`, "")).toBeNull();
    expect(await answerRetiredPostUrl("GET", `/tag/${old}`, "")).toBeNull();
    expect(await answerRetiredPostUrl("GET", "/blog/%E0%A4%A", "")).toBeNull();

    await deletePost(author, { id: post.id, version: post.version });
    for (const slug of [old, post.slug]) {
      const gone = await answerRetiredPostUrl("GET", `/blog/${encodeURIComponent(slug)}`, "");
      expect(gone?.status, slug).toBe(410);
      expect(gone?.headers["Content-Type"]).toBe("text/html; charset=utf-8");
      expect(gone?.body).toContain("This post was removed");
    }
    expect((await answerRetiredPostUrl("HEAD", `/blog/${old}`, ""))?.body).toBe("");
  });
});
