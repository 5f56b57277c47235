/**
 * Exactly which cache tags each post write invalidates, through the real server actions (only the session
 * is stubbed; next/cache and the cache runtime record the tags). Tag and profile writes are covered the same way in
 * staff-actions.int.test.ts; e2e/cache.spec.ts shows the effect on the built site.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deletePostAction, publishPostAction, savePostAction, unpublishPostAction } from "@/app/(admin)/admin/posts/actions";
import type { ActionResult } from "@/lib/action-result";
import { createDraft, type EditablePost } from "@/lib/posts";
import { slugify } from "@/lib/slug";
import type { SessionUser } from "@/lib/users";
import { recordRuntimeInvalidations } from "@/tests/integration/cache-recorder";
import { createStaff, docJson, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
const cache = vi.hoisted(() => ({ updatedTags: [] as string[] }));

vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  return {
    requireActionUser: async () => {
      if (!session.user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return session.user;
    },
  };
});

vi.mock("next/cache", () => ({
  cacheTag: () => undefined,
  cacheLife: () => undefined,
  updateTag: (tag: string) => void cache.updatedTags.push(tag),
  revalidateTag: () => undefined,
}));

let author: SessionUser & { slug: string };

beforeAll(async () => {
  recordRuntimeInvalidations(cache.updatedTags);
  author = (await createStaff("AUTHOR")) as SessionUser & { slug: string };
  session.user = author;
});

afterEach(() => {
  cache.updatedTags.length = 0;
});

afterAll(async () => {
  await removeCreatedData();
});

/** The tags invalidated since the last call, as a sorted list (the order of updateTag calls does not matter). */
function invalidated(): string[] {
  const tags = [...cache.updatedTags].sort();
  cache.updatedTags.length = 0;
  return tags;
}

const sorted = (...tags: string[]) => [...tags].sort();

/**
 * Appearing or disappearing also invalidates the posts just before and after it in publish order (their
 * previous/next links change). Other suites publish into the same database at the same time, so which
 * posts those are is not fixed here: expect one or two post pages beyond `own`, and nothing else.
 */
function expectOwnAndNeighbours(own: string[]) {
  const tags = invalidated();
  expect(tags).toEqual(expect.arrayContaining(own));
  const extra = tags.filter((tag) => !own.includes(tag));
  expect(extra.length).toBeGreaterThanOrEqual(1);
  expect(extra.length).toBeLessThanOrEqual(2);
  for (const tag of extra) expect(tag).toMatch(/^post:/);
}

function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`Action failed: ${result.error}`);
  return result.data;
}

const editorInput = (post: EditablePost, changes: Record<string, unknown> = {}) => ({
  id: post.id,
  version: post.version,
  title: post.title,
  slug: "",
  customExcerpt: post.customExcerpt,
  tags: post.tags,
  content: JSON.stringify(post.content),
  ...changes,
});

describe("post writes invalidate exactly the pages that show the post", () => {
  it("draft saves touch nothing; publish, edit, retag, unpublish and delete touch the post, its lists, author and tags", async () => {
    const [first, second] = [uniqueName("Cache topic"), uniqueName("Cache topic")];
    // A published post before this one, so that it always has a neighbour whose links it changes.
    const earlier = await createDraft(author);
    unwrap(await publishPostAction({ id: earlier.id, version: 1, title: uniqueName("Earlier post"), slug: "", customExcerpt: "", tags: [], content: docJson("Before.") }));
    invalidated();
    const { id } = await createDraft(author);
    let post = unwrap(await savePostAction({ id, version: 1, title: uniqueName("Cache post"), slug: "", customExcerpt: "", tags: [first], content: docJson("Body.") }));
    expect(invalidated()).toEqual([]);

    const own = (...tagNames: string[]) => sorted("posts", `post:${post.slug}`, `author:${author.slug}`, ...tagNames.map((name) => `tag:${slugify(name)}`));

    post = unwrap(await publishPostAction(editorInput(post)));
    expectOwnAndNeighbours(own(first));

    post = unwrap(await savePostAction(editorInput(post, { title: uniqueName("Retitled") })));
    expect(invalidated()).toEqual(own(first));

    // Both the tag it lost and the one it gained list (or stop listing) the post.
    post = unwrap(await savePostAction(editorInput(post, { tags: [second] })));
    expect(invalidated()).toEqual(own(first, second));

    post = unwrap(await unpublishPostAction(editorInput(post)));
    expectOwnAndNeighbours(own(second));

    post = unwrap(await savePostAction(editorInput(post, { title: uniqueName("Edited as a draft") })));
    expect(invalidated()).toEqual([]);

    post = unwrap(await publishPostAction(editorInput(post)));
    expectOwnAndNeighbours(own(second));

    unwrap(await deletePostAction({ id: post.id, version: post.version }));
    expectOwnAndNeighbours(own(second));
  });

  it("deleting a never-published draft touches nothing", async () => {
    const { id } = await createDraft(author);
    unwrap(await deletePostAction({ id, version: 1 }));
    expect(invalidated()).toEqual([]);
  });
});
