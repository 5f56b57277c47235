import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { savePost } from "@/lib/posts";
import { restoreRevision } from "@/lib/posts/restore";
import { COALESCE_WINDOW_MS, compareRevisions, listRevisions, recordRevision, REVISION_LIMIT } from "@/lib/posts/revisions";
import type { SessionUser } from "@/lib/users";
import { createStaffSet, docJson, docOf, expectDomainError, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;
let contributor: SessionUser;

beforeAll(async () => {
  ({ author, otherAuthor, editor, contributor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
});

async function newPost(actor: SessionUser, text = "First words.") {
  const { post } = await savePost(actor, postInput({ title: uniqueName("Revisions"), content: docJson(text) }), "save");
  return post;
}

/** Moves every revision of the post back in time, as if its saves had happened `ms` earlier. */
async function age(postId: string, ms: number) {
  await db.$executeRaw`UPDATE post_revisions SET created_at = created_at - ${ms} * interval '1 millisecond', updated_at = updated_at - ${ms} * interval '1 millisecond' WHERE post_id = ${postId}`;
}

const revisionsOf = (postId: string) => db.postRevision.findMany({ where: { postId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

describe("revisions", () => {
  it("folds saves by one author within ten minutes into one revision, updated in place", async () => {
    const post = await newPost(author);
    let version = post.version;
    for (const text of ["Second.", "Third."]) {
      ({ version } = (await savePost(author, postInput({ id: post.id, version, title: post.title, content: docJson(text) }), "save")).post);
    }
    const rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "SAVE", authorId: author.id, postVersion: version, content: docOf("Third.") });
    expect(rows[0]!.updatedAt.getTime()).toBeGreaterThan(rows[0]!.createdAt.getTime());
  });

  it("starts a new revision after ten minutes, for another author, and on every publish and unpublish", async () => {
    const post = await newPost(author);
    await age(post.id, COALESCE_WINDOW_MS + 1000);
    let { version } = (await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: docJson("Later.") }), "save")).post;
    ({ version } = (await savePost(editor, postInput({ id: post.id, version, title: post.title, content: docJson("Editor's edit.") }), "save")).post);
    ({ version } = (await savePost(editor, postInput({ id: post.id, version, title: post.title, content: docJson("Editor's edit.") }), "publish")).post);
    ({ version } = (await savePost(editor, postInput({ id: post.id, version, title: post.title, content: docJson("Editor's edit.") }), "unpublish")).post);
    ({ version } = (await savePost(editor, postInput({ id: post.id, version, title: post.title, content: docJson("Editor's edit.") }), "publish")).post);
    const kinds = (await revisionsOf(post.id)).map((row) => [row.kind, row.authorId]);
    expect(kinds).toEqual([
      ["PUBLISH", editor.id],
      ["UNPUBLISH", editor.id],
      ["PUBLISH", editor.id],
      ["SAVE", editor.id],
      ["SAVE", author.id],
      ["SAVE", author.id],
    ]);
    // A save right after a publish starts a revision of its own, not a change to the publish.
    await savePost(editor, postInput({ id: post.id, version, title: post.title, content: docJson("After publishing.") }), "save");
    expect((await revisionsOf(post.id))[0]).toMatchObject({ kind: "SAVE", status: "PUBLISHED" });
  });

  it(`keeps the newest ${REVISION_LIMIT} revisions, and never the one that made the post live`, async () => {
    const post = await newPost(author);
    const published = await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: docJson("As published.") }), "publish");
    const publishRevision = (await revisionsOf(post.id))[0]!;
    expect(publishRevision.kind).toBe("PUBLISH");
    // Each later save by alternating staff is a revision of its own.
    let version = published.post.version;
    for (let i = 0; i < REVISION_LIMIT + 5; i++) {
      const actor = i % 2 === 0 ? editor : author;
      ({ version } = (await savePost(actor, postInput({ id: post.id, version, title: post.title, content: docJson(`Edit ${i}.`) }), "save")).post);
    }
    const rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(REVISION_LIMIT);
    expect(rows.map((row) => row.id)).toContain(publishRevision.id);
    expect(rows[0]!.content).toEqual(docOf(`Edit ${REVISION_LIMIT + 4}.`));
    const listed = await listRevisions(author, post.id);
    expect(listed.find((row) => row.live)?.id).toBe(publishRevision.id);

    // Once unpublished nothing is live, and the old publish revision ages out like any other.
    ({ version } = (await savePost(author, postInput({ id: post.id, version, title: post.title, content: docJson("Off the site.") }), "unpublish")).post);
    expect((await revisionsOf(post.id)).map((row) => row.id)).not.toContain(publishRevision.id);
    expect(await db.postRevision.count({ where: { postId: post.id } })).toBe(REVISION_LIMIT);
  });

  it("restores a revision (text and settings) as a save on the current version, which is itself a revision", async () => {
    const post = await newPost(author, "The original text.");
    const original = (await revisionsOf(post.id))[0]!;
    await age(post.id, COALESCE_WINDOW_MS + 1000);
    const edited = await savePost(author, postInput({ id: post.id, version: post.version, title: `${post.title} renamed`, content: docJson("A rewrite.") }), "save");

    const diff = await compareRevisions(author, post.id, original.id, (await revisionsOf(post.id))[0]!.id);
    expect(diff.diff.changed).toBe(true);
    expect(diff.diff.body.filter((part) => part.removed).map((part) => part.value).join("")).toContain("original");
    expect(diff.diff.title.filter((part) => part.added).map((part) => part.value).join("")).toContain("renamed");

    // A stale editor cannot restore over a newer save.
    await expectDomainError(restoreRevision(author, { postId: post.id, revisionId: original.id, version: post.version }), "CONFLICT");

    const restored = await restoreRevision(author, { postId: post.id, revisionId: original.id, version: edited.post.version });
    // The draft's slug followed the renamed title; the revision's slug comes back with it.
    expect(edited.post.slug).not.toBe(post.slug);
    expect(restored.post).toMatchObject({ title: post.title, content: docOf("The original text."), version: edited.post.version + 1, slug: post.slug });
    expect(restored.notes).toEqual([]);
    const rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ kind: "RESTORE", authorId: author.id, title: post.title, postVersion: restored.post.version });
  });

  it("shows a ticked task as a change, though no text changed", async () => {
    const tasks = (checked: boolean) => ({ type: "doc", content: [{ type: "taskList", content: [{ type: "taskItem", attrs: { checked }, content: [{ type: "paragraph", content: [{ type: "text", text: "Ship it" }] }] }] }] });
    const { post } = await savePost(author, postInput({ title: uniqueName("Revisions"), content: JSON.stringify(tasks(false)) }), "save");
    const [before] = await revisionsOf(post.id);
    await age(post.id, COALESCE_WINDOW_MS + 1000);
    await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: JSON.stringify(tasks(true)) }), "save");
    const [after] = await revisionsOf(post.id);
    const { from, to, diff } = await compareRevisions(author, post.id, before!.id, after!.id);
    expect([from.text, to.text]).toEqual(["[ ] Ship it", "[x] Ship it"]);
    expect(diff.changed).toBe(true);
  });

  it("lets only those who may edit the post see, compare and restore its revisions", async () => {
    const post = await newPost(author);
    const [revision] = await revisionsOf(post.id);
    await expectDomainError(listRevisions(otherAuthor, post.id), "NOT_FOUND");
    await expectDomainError(compareRevisions(otherAuthor, post.id, revision!.id, revision!.id), "NOT_FOUND");
    await expectDomainError(restoreRevision(otherAuthor, { postId: post.id, revisionId: revision!.id, version: post.version }), "NOT_FOUND");
    expect(await listRevisions(editor, post.id)).toHaveLength(1);

    // A revision of another post cannot be restored into this one.
    const other = await newPost(editor);
    const [foreign] = await revisionsOf(other.id);
    await expectDomainError(restoreRevision(author, { postId: post.id, revisionId: foreign!.id, version: post.version }), "NOT_FOUND");

    const draft = await newPost(contributor);
    expect(await listRevisions(contributor, draft.id)).toHaveLength(1);
  });

  it("records a revision in the write's transaction: a rolled-back write leaves none", async () => {
    const post = await newPost(author);
    await expect(
      db.$transaction(async (tx) => {
        await recordRevision(tx, { postId: post.id, authorId: editor.id, kind: "PUBLISH", title: "x", customExcerpt: null, content: docOf("x"), status: "PUBLISHED", postVersion: 99 });
        throw new Error("write failed");
      }),
    ).rejects.toThrow("write failed");
    expect(await db.postRevision.count({ where: { postId: post.id } })).toBe(1);
  });
});
