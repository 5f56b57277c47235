/**
 * Direct calls of the history panel's actions (compare, restore): the real actions, aggregate and
 * database; only the session is stubbed. The restore itself is covered through the aggregate in
 * lib/posts/revision-settings.int.test.ts; this file checks the boundary: roles, a missing session,
 * malformed input, and what comes back (the settings diff, the restore's notes).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { compareRevisionsAction, restoreRevisionAction } from "@/app/(admin)/admin/posts/publishing-actions";
import { db } from "@/lib/db";
import { savePost } from "@/lib/posts";
import { slugify } from "@/lib/slug";
import type { SessionUser } from "@/lib/users";
import { createStaffSet, docJson, postInput, removeCreatedData, storedPost, uniqueName } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));

// As tests/integration/post-actions.int.test.ts: lib/auth builds NextAuth at import, so it is replaced
// with the same contract.
vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  return {
    getSessionUser: async () => session.user,
    requireActionUser: async () => {
      if (!session.user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return session.user;
    },
  };
});

let author: SessionUser;
let otherAuthor: SessionUser;

beforeAll(async () => {
  ({ author, otherAuthor } = await createStaffSet());
});

afterEach(() => {
  session.user = null;
});

afterAll(async () => {
  await removeCreatedData();
});

/** A post with two revisions: the first tagged `tag`, the second with a new slug and no tags. */
async function postWithTwoRevisions(tag: string) {
  const { post } = await savePost(author, postInput({ title: uniqueName("History actions"), tags: [tag], content: docJson("First.") }), "save");
  const { post: current } = await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, slug: slugify(uniqueName("Moved")), tags: [], content: docJson("Second.") }), "save");
  const [newer, older] = await db.postRevision.findMany({ where: { postId: post.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return { post, current, older: older!.id, newer: newer!.id };
}

describe("history actions", () => {
  it("refuses a missing session, malformed input and someone who may not edit the post, changing nothing", async () => {
    const { post, current, older } = await postWithTwoRevisions(uniqueName("Tag"));
    const before = await storedPost(post.id);
    const input = { postId: post.id, revisionId: older, version: current.version };

    expect(await restoreRevisionAction(input)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    session.user = otherAuthor;
    expect(await restoreRevisionAction(input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await compareRevisionsAction({ postId: post.id, fromId: older, toId: older })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    session.user = author;
    expect(await restoreRevisionAction({ ...input, version: "none" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await restoreRevisionAction({ ...input, version: post.version })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("compares settings and restores them, answering what could not be brought back", async () => {
    const tag = uniqueName("Tag");
    const { post, current, older, newer } = await postWithTwoRevisions(tag);
    session.user = author;

    const compared = await compareRevisionsAction({ postId: post.id, fromId: older, toId: newer });
    expect(compared).toMatchObject({ ok: true, data: { diff: { settings: { recorded: true, changes: [{ field: "slug", from: post.slug, to: current.slug }], tagsAdded: [], tagsRemoved: [tag] } } } });

    await db.tag.delete({ where: { slug: slugify(tag) } });
    const restored = await restoreRevisionAction({ postId: post.id, revisionId: older, version: current.version });
    expect(restored).toMatchObject({ ok: true, data: { post: { slug: post.slug, tags: [], version: current.version + 1 }, notes: [expect.stringContaining(`"${tag}"`)] } });
  });
});
