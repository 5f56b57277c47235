/**
 * Direct calls of the post server actions (style guide §8): the real actions, aggregate and database;
 * only the session is stubbed. The logic itself is covered through the aggregate in lib/posts.int.test.ts;
 * this file checks the boundary: roles, a missing session, malformed input, and what comes back.
 */
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createPostAction,
  deletePostAction,
  publishPostAction,
  savePostAction,
  unpublishPostAction,
} from "@/app/(admin)/admin/posts/actions";
import type { ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { createDraft, savePost, type EditablePost } from "@/lib/posts";
import type { SessionUser } from "@/lib/users";
import { MAX_CONTENT_CHARS } from "@/lib/validations/post";
import { recordRuntimeInvalidations } from "@/tests/integration/cache-recorder";
import { createStaffSet, docJson, postInput, removeCreatedData, runId, storedPost, uniqueName } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
const cache = vi.hoisted(() => ({ updatedTags: [] as string[] }));

// lib/auth builds NextAuth at import, so the whole module is replaced with the same contract: the
// session user or null; requireUser redirects to /login without one; requireActionUser throws
// DomainError("UNAUTHENTICATED") instead, so the editor keeps its text.
vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  const { redirect } = await import("next/navigation");
  const getSessionUser = async () => session.user;
  return {
    getSessionUser,
    requireUser: async () => {
      const user = await getSessionUser();
      if (!user) redirect("/login");
      return user;
    },
    requireActionUser: async () => {
      const user = await getSessionUser();
      if (!user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return user;
    },
  };
});

// As tests/integration-setup.ts, but recording which tags the actions invalidate.
vi.mock("next/cache", () => ({
  cacheTag: () => undefined,
  cacheLife: () => undefined,
  updateTag: (tag: string) => void cache.updatedTags.push(tag),
  revalidateTag: () => undefined,
}));

let contributor: SessionUser;
let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  recordRuntimeInvalidations(cache.updatedTags);
  ({ contributor, author, otherAuthor, editor } = await createStaffSet());
});

afterEach(() => {
  session.user = null;
  cache.updatedTags.length = 0;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await removeCreatedData();
});

function storedPostsTitled(title: string): Promise<number> {
  return db.post.count({ where: { title } });
}

function signInAs(user: SessionUser | null) {
  session.user = user;
}

/** A saved draft of `owner`'s, made through the aggregate (not the actions under test). */
async function draftOf(owner: SessionUser): Promise<EditablePost> {
  const { id } = await createDraft(owner);
  const { post } = await savePost(owner, postInput({ id, version: 1, title: uniqueName("Action draft"), content: docJson("Body.") }), "save");
  return post;
}

async function publishedOf(owner: SessionUser): Promise<EditablePost> {
  const post = await draftOf(owner);
  return (await savePost(owner, postInput({ id: post.id, version: post.version, title: post.title, content: docJson("Body.") }), "publish")).post;
}

/** What the editor sends for `post` as loaded, with these changes. */
function saveInput(post: EditablePost, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: post.id,
    version: post.version,
    title: post.title,
    slug: "",
    customExcerpt: post.customExcerpt,
    tags: post.tags,
    content: JSON.stringify(post.content),
    ...changes,
  };
}

/** Asserts a refusal with this code (never its message), and that no cache tag was invalidated. */
function expectRefused(result: ActionResult<unknown>, code: string): void {
  expect(result).toMatchObject({ ok: false, code });
  expect(cache.updatedTags).toEqual([]);
}

/** The redirect `promise` threw, as a URL; fails when it resolved or threw anything else. */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isRedirectError(error)).toBe(true);
  return getURLFromRedirectError(error as Parameters<typeof getURLFromRedirectError>[0]);
}

describe("roles", () => {
  it("refuses a contributor publishing their own draft (FORBIDDEN) and keeps it a draft", async () => {
    const post = await draftOf(contributor);
    const before = await storedPost(post.id);

    signInAs(contributor);
    expectRefused(await publishPostAction(saveInput(post)), "FORBIDDEN");
    expectRefused(await publishPostAction(saveInput(post, { content: docJson("Sneaked in with the publish.") })), "FORBIDDEN");
    expect(await storedPost(post.id)).toEqual(before);
    expect(before).toMatchObject({ status: "DRAFT" });

    // The same contributor may save it: the refusal is about publishing, not about the session.
    const saved = await savePostAction(saveInput(post, { content: docJson("Better.") }));
    expect(saved).toMatchObject({ ok: true, data: { id: post.id, status: "DRAFT", version: post.version + 1, canPublish: false } });
    expect(cache.updatedTags).toEqual([]);
  });

  it("refuses a contributor publishing a brand-new post in one go (FORBIDDEN) and creates nothing", async () => {
    const title = uniqueName("Straight to readers");
    signInAs(contributor);
    expectRefused(await publishPostAction({ version: 0, title, slug: "", customExcerpt: "", tags: [], content: docJson("No.") }), "FORBIDDEN");
    expect(await storedPostsTitled(title)).toBe(0);
  });

  it("answers NOT_FOUND to an author saving, publishing, unpublishing or deleting another author's post, and changes nothing", async () => {
    const draft = await draftOf(otherAuthor);
    const live = await publishedOf(otherAuthor);
    const [draftBefore, liveBefore] = await Promise.all([storedPost(draft.id), storedPost(live.id)]);

    signInAs(author);
    expectRefused(await savePostAction(saveInput(draft, { title: "Hijacked", content: docJson("Hijacked.") })), "NOT_FOUND");
    expectRefused(await publishPostAction(saveInput(draft)), "NOT_FOUND");
    expectRefused(await deletePostAction({ id: draft.id, version: draft.version }), "NOT_FOUND");
    expectRefused(await unpublishPostAction(saveInput(live)), "NOT_FOUND");
    expectRefused(await deletePostAction({ id: live.id, version: live.version }), "NOT_FOUND");

    expect(await storedPost(draft.id)).toEqual(draftBefore);
    expect(await storedPost(live.id)).toEqual(liveBefore);
  });

  it("answers a post that does not exist exactly as one the author may not see", async () => {
    signInAs(author);
    const missing = { id: `missing-${runId}`, version: 1 };
    expectRefused(await savePostAction({ ...missing, title: "x", slug: "", customExcerpt: "", tags: [], content: docJson() }), "NOT_FOUND");
    expectRefused(await deletePostAction(missing), "NOT_FOUND");
  });

  it("lets an editor publish an author's draft: PUBLISHED, version incremented, still the author's, public tags invalidated", async () => {
    const post = await draftOf(author);

    signInAs(editor);
    const result = await publishPostAction(saveInput(post));
    expect(result).toMatchObject({ ok: true, data: { id: post.id, status: "PUBLISHED", version: post.version + 1, slug: post.slug } });
    expect(await storedPost(post.id)).toMatchObject({ status: "PUBLISHED", version: post.version + 1, authorId: author.id });
    expect(cache.updatedTags).toEqual(expect.arrayContaining(["posts", `post:${post.slug}`]));
  });

  it("lets an author unpublish and delete their own post", async () => {
    const live = await publishedOf(author);

    signInAs(author);
    const unpublished = await unpublishPostAction(saveInput(live));
    expect(unpublished).toMatchObject({ ok: true, data: { status: "DRAFT", version: live.version + 1 } });
    expect(cache.updatedTags).toContain(`post:${live.slug}`);

    cache.updatedTags.length = 0;
    expect(await deletePostAction({ id: live.id, version: live.version + 1 })).toEqual({ ok: true, data: undefined });
    expect(await storedPost(live.id)).toBeNull();
    // It was not public any more, so no reader page changed.
    expect(cache.updatedTags).toEqual([]);
  });
});

describe("no session", () => {
  it("answers UNAUTHENTICATED to every post action and changes nothing", async () => {
    const draft = await draftOf(author);
    const live = await publishedOf(author);
    const [draftBefore, liveBefore] = await Promise.all([storedPost(draft.id), storedPost(live.id)]);

    signInAs(null);
    expectRefused(await savePostAction(saveInput(draft, { content: docJson("Anonymous.") })), "UNAUTHENTICATED");
    expectRefused(await publishPostAction(saveInput(draft)), "UNAUTHENTICATED");
    expectRefused(await unpublishPostAction(saveInput(live)), "UNAUTHENTICATED");
    expectRefused(await deletePostAction({ id: draft.id, version: draft.version }), "UNAUTHENTICATED");

    const title = uniqueName("Anonymous new post");
    expectRefused(await savePostAction({ version: 0, title, slug: "", customExcerpt: "", tags: [], content: docJson() }), "UNAUTHENTICATED");

    expect(await storedPost(draft.id)).toEqual(draftBefore);
    expect(await storedPost(live.id)).toEqual(liveBefore);
    expect(await storedPostsTitled(title)).toBe(0);
  });

  it("sends createPostAction to the sign-in page, and a signed-in user to the new draft", async () => {
    signInAs(null);
    expect(await redirectOf(createPostAction())).toBe("/login");

    signInAs(contributor);
    const url = await redirectOf(createPostAction());
    const id = url.match(/^\/admin\/posts\/([^/]+)$/)?.[1];
    expect(id).toBeDefined();
    expect(await storedPost(id!)).toMatchObject({ authorId: contributor.id, status: "DRAFT", version: 1 });
  });
});

describe("malformed input", () => {
  it.each([
    ["version", "a version that is not a number", { version: "abc" }],
    ["version", "a negative version", { version: -1 }],
    ["title", "a missing title", { title: undefined }],
    ["title", "a title that is not a string", { title: 42 }],
    ["tags", "tags that are not an array", { tags: "one, two" }],
    ["tags", "more than ten tags", { tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`) }],
    ["tags.0", "an empty tag name", { tags: ["  "] }],
    ["content", "content of 2 MB", { content: "x".repeat(2 * MAX_CONTENT_CHARS) }],
    ["slug", "a slug with characters outside a–z, 0–9 and hyphens", { slug: "no/slashes" }],
    ["id", "an empty id", { id: "" }],
  ])("refuses %s (%s) as INVALID_INPUT keyed by that field, for save and publish, and changes nothing", async (field, _, changes) => {
    const post = await draftOf(author);
    const before = await storedPost(post.id);

    signInAs(author);
    for (const action of [savePostAction, publishPostAction]) {
      const result = await action(saveInput(post, changes));
      expectRefused(result, "INVALID_INPUT");
      expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toEqual([field]);
      expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]!.length).toBeGreaterThan(0);
    }
    expect(await storedPost(post.id)).toEqual(before);
  });

  it.each([
    ["version", "a version that is not a number", { version: "abc" }],
    ["version", "version 0, which no stored post has", { version: 0 }],
    ["id", "a missing id", { id: undefined }],
  ])("refuses a delete with %s (%s) as INVALID_INPUT and keeps the post", async (field, _, changes) => {
    const post = await draftOf(author);

    signInAs(author);
    const result = await deletePostAction({ id: post.id, version: post.version, ...changes });
    expectRefused(result, "INVALID_INPUT");
    expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toEqual([field]);
    expect(await storedPost(post.id)).not.toBeNull();
  });

  it.each([
    ["null", null],
    ["a string", "delete everything"],
    ["an array", []],
  ])("refuses %s in place of the input object (INVALID_INPUT, keyed as the form)", async (_, input) => {
    signInAs(author);
    for (const action of [savePostAction, publishPostAction, unpublishPostAction, deletePostAction]) {
      const result = await action(input);
      expectRefused(result, "INVALID_INPUT");
      expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toEqual(["form"]);
    }
  });
});

describe("conflicts and failures", () => {
  it("refuses a save, publish or delete based on a stale version (CONFLICT) and changes nothing", async () => {
    const post = await draftOf(author);
    signInAs(author);
    expect(await savePostAction(saveInput(post, { content: docJson("First writer.") }))).toMatchObject({ ok: true });
    cache.updatedTags.length = 0;
    const before = await storedPost(post.id);

    expectRefused(await savePostAction(saveInput(post, { content: docJson("Second writer.") })), "CONFLICT");
    expectRefused(await publishPostAction(saveInput(post)), "CONFLICT");
    expectRefused(await deletePostAction({ id: post.id, version: post.version }), "CONFLICT");
    expect(await storedPost(post.id)).toEqual(before);
  });

  it("logs an unexpected failure and answers without a code or the error's details", async () => {
    // The session user was deleted after the session was checked: the insert breaks a foreign key.
    const gone = { ...author, id: `deleted-${runId}` };
    const logged: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation((error: unknown) => void logged.push(error));
    const title = uniqueName("Orphan");

    signInAs(gone);
    const result = await savePostAction({ version: 0, title, slug: "", customExcerpt: "", tags: [], content: docJson("Orphan.") });

    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty("code");
    expect(result).not.toHaveProperty("fieldErrors");
    expect(logged).toHaveLength(1);
    const internal = logged[0] as Error;
    expect(internal).toBeInstanceOf(Error);
    const shown = (result as { error: string }).error;
    expect(shown).not.toContain(internal.message);
    expect(shown).not.toContain(gone.id);
    expect(shown).not.toMatch(/prisma|constraint|foreign key|P2003/i);
    expect(await storedPostsTitled(title)).toBe(0);
    expect(cache.updatedTags).toEqual([]);
  });
});
