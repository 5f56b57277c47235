/**
 * Direct calls of the tag and profile server actions (style guide §8): the real actions, aggregates and
 * database; only the session is stubbed, and next/cache records what the actions invalidate. The logic
 * itself is covered in lib/tags-admin.int.test.ts and lib/users-profile.int.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { updateProfileAction } from "@/app/(admin)/admin/profile/actions";
import { deleteTagAction, updateTagAction } from "@/app/(admin)/admin/tags/actions";
import type { ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { createDraft, savePost } from "@/lib/posts";
import { slugify } from "@/lib/slug";
import { getEditableTag, type EditableTag } from "@/lib/tags";
import { getEditableProfile, type EditableProfile, type SessionUser } from "@/lib/users";
import { createStaff, createStaffSet, docJson, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
const cache = vi.hoisted(() => ({ updatedTags: [] as string[] }));

// lib/auth builds NextAuth at import; these actions only use requireActionUser, whose contract is: the
// session user, or DomainError("UNAUTHENTICATED").
vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  return {
    requireActionUser: async () => {
      if (!session.user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return session.user;
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
  ({ contributor, author, otherAuthor, editor } = await createStaffSet());
});

afterEach(() => {
  session.user = null;
  cache.updatedTags.length = 0;
});

afterAll(async () => {
  await removeCreatedData();
});

/** A published post of `owner`'s; returns it with its first tag as the tag form loads it. */
async function publishedWithTag(owner: SessionUser, ...tagNames: string[]): Promise<{ postSlug: string; tag: EditableTag }> {
  const { id } = await createDraft(owner);
  const { post } = await savePost(owner, postInput({ id, version: 1, title: uniqueName("Action post"), tags: tagNames, content: docJson("Body.") }), "publish");
  const row = await db.tag.findUniqueOrThrow({ where: { slug: slugify(tagNames[0]!) }, select: { id: true } });
  return { postSlug: post.slug, tag: (await getEditableTag(editor, row.id))! };
}

const tagForm = (tag: EditableTag, changes: Record<string, unknown> = {}) => ({
  id: tag.id,
  updatedAt: tag.updatedAt.toISOString(),
  name: tag.name,
  slug: tag.slug,
  description: tag.description,
  ...changes,
});

const profileForm = (profile: EditableProfile, changes: Record<string, unknown> = {}) => ({
  id: profile.id,
  name: profile.name,
  slug: profile.slug,
  bio: profile.bio,
  website: profile.website,
  ...changes,
});

/** Asserts a refusal with this code (never its message), and that no cache tag was invalidated. */
function expectRefused(result: ActionResult<unknown>, code: string): void {
  expect(result).toMatchObject({ ok: false, code });
  expect(cache.updatedTags).toEqual([]);
}

describe("updateTagAction and deleteTagAction", () => {
  it("refuse authors and contributors (FORBIDDEN) and a missing session (UNAUTHENTICATED), changing nothing", async () => {
    const { tag } = await publishedWithTag(author, uniqueName("Guarded"));
    const before = await db.tag.findUnique({ where: { id: tag.id } });
    for (const actor of [author, contributor]) {
      session.user = actor;
      expectRefused(await updateTagAction(tagForm(tag, { name: "Taken over" })), "FORBIDDEN");
      expectRefused(await deleteTagAction({ id: tag.id }), "FORBIDDEN");
    }
    session.user = null;
    expectRefused(await updateTagAction(tagForm(tag, { name: "Anonymous" })), "UNAUTHENTICATED");
    expectRefused(await deleteTagAction({ id: tag.id }), "UNAUTHENTICATED");
    expect(await db.tag.findUnique({ where: { id: tag.id } })).toEqual(before);
  });

  it("invalidate exactly tag(old), tag(new) and posts for a rename, tag(slug) for a description, nothing for no change", async () => {
    const oldName = uniqueName("Action rename");
    const { tag } = await publishedWithTag(author, oldName);
    const newName = uniqueName("Action renamed");
    session.user = editor;

    const renamed = await updateTagAction(tagForm(tag, { name: newName, slug: "" }));
    expect(renamed).toMatchObject({ ok: true, data: { name: newName, slug: slugify(newName) } });
    expect(cache.updatedTags).toEqual([`tag:${slugify(oldName)}`, `tag:${slugify(newName)}`, "posts"]);
    if (!renamed.ok) return;

    cache.updatedTags.length = 0;
    const described = await updateTagAction(tagForm(renamed.data, { description: "About renames." }));
    expect(described).toMatchObject({ ok: true, data: { description: "About renames." } });
    expect(cache.updatedTags).toEqual([`tag:${slugify(newName)}`]);
    if (!described.ok) return;

    cache.updatedTags.length = 0;
    expect(await updateTagAction(tagForm(described.data))).toMatchObject({ ok: true });
    expect(cache.updatedTags).toEqual([]);
  });

  it("answers a stale form with CONFLICT, a taken slug with SLUG_TAKEN, and invalidates nothing", async () => {
    const otherName = uniqueName("Other");
    const { tag } = await publishedWithTag(author, uniqueName("Stale"), otherName);
    session.user = editor;
    expect(await updateTagAction(tagForm(tag, { description: "First." }))).toMatchObject({ ok: true });
    cache.updatedTags.length = 0;
    expectRefused(await updateTagAction(tagForm(tag, { description: "Second." })), "CONFLICT");

    const fresh = (await getEditableTag(editor, tag.id))!;
    expectRefused(await updateTagAction(tagForm(fresh, { slug: slugify(otherName) })), "SLUG_TAKEN");
    expect(await db.tag.findUnique({ where: { id: tag.id } })).toMatchObject({ description: "First.", slug: tag.slug });
  });

  it("rejects malformed input with a message per field, changing nothing", async () => {
    const { tag } = await publishedWithTag(author, uniqueName("Malformed"));
    const before = await db.tag.findUnique({ where: { id: tag.id } });
    session.user = editor;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "!!!" }, "name"],
      [{ name: "n".repeat(61) }, "name"],
      [{ slug: "???" }, "slug"],
      [{ description: "d".repeat(501) }, "description"],
      [{ updatedAt: "yesterday" }, "updatedAt"],
      [{ id: 42 }, "id"],
    ];
    for (const [changes, field] of cases) {
      const result = await updateTagAction(tagForm(tag, changes));
      expectRefused(result, "INVALID_INPUT");
      expect(result.ok ? undefined : result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    }
    expect(await updateTagAction(tagForm(tag, { name: "   " }))).toMatchObject({ error: "Give the tag a name.", fieldErrors: { name: ["Give the tag a name."] } });
    expectRefused(await deleteTagAction({}), "INVALID_INPUT");
    expectRefused(await deleteTagAction("not an object"), "INVALID_INPUT");
    expect(await db.tag.findUnique({ where: { id: tag.id } })).toEqual(before);
  });

  it("deletes a tag, invalidating exactly its pages and the post lists; a second delete is NOT_FOUND", async () => {
    const name = uniqueName("Action delete");
    const { tag } = await publishedWithTag(author, name);
    session.user = editor;
    expect(await deleteTagAction({ id: tag.id })).toEqual({ ok: true, data: undefined });
    expect(cache.updatedTags).toEqual([`tag:${slugify(name)}`, "posts"]);
    cache.updatedTags.length = 0;
    expectRefused(await deleteTagAction({ id: tag.id }), "NOT_FOUND");
  });
});

describe("updateProfileAction", () => {
  it("lets an author edit their own profile, invalidating exactly their author tag for a bio and website", async () => {
    const user = await createStaff("AUTHOR");
    const { id } = await createDraft(user);
    await savePost(user, postInput({ id, version: 1, title: uniqueName("Profile post"), content: docJson("Body.") }), "publish");
    const profile = (await getEditableProfile(user, user.id))!;
    session.user = user;
    const result = await updateProfileAction(profileForm(profile, { bio: "Queues, mostly.", website: "https://example.com" }));
    expect(result).toMatchObject({ ok: true, data: { bio: "Queues, mostly.", website: "https://example.com" } });
    expect(cache.updatedTags).toEqual([`author:${profile.slug}`]);

    cache.updatedTags.length = 0;
    const name = uniqueName("Pen Name");
    expect(await updateProfileAction(profileForm(profile, { name, slug: "" }))).toMatchObject({ ok: true, data: { name, slug: slugify(name) } });
    expect(cache.updatedTags).toEqual([`author:${profile.slug}`, `author:${slugify(name)}`, "posts"]);
  });

  it("refuses someone else's profile to contributors and authors, an administrator's to editors (FORBIDDEN), and a missing session (UNAUTHENTICATED)", async () => {
    const target = (await getEditableProfile(otherAuthor, otherAuthor.id))!;
    const before = await db.user.findUnique({ where: { id: otherAuthor.id } });
    for (const actor of [contributor, author]) {
      session.user = actor;
      expectRefused(await updateProfileAction(profileForm(target, { bio: "Hijacked." })), "FORBIDDEN");
    }
    session.user = null;
    expectRefused(await updateProfileAction(profileForm(target, { bio: "Anonymous." })), "UNAUTHENTICATED");
    expect(await db.user.findUnique({ where: { id: otherAuthor.id } })).toEqual(before);

    const admin = await createStaff("ADMIN");
    const adminProfile = (await getEditableProfile(admin, admin.id))!;
    const adminBefore = await db.user.findUnique({ where: { id: admin.id } });
    session.user = editor;
    expectRefused(await updateProfileAction(profileForm(adminProfile, { bio: "Hijacked." })), "FORBIDDEN");
    expect(await db.user.findUnique({ where: { id: admin.id } })).toEqual(adminBefore);
  });

  it("rejects a website that is not an http(s) URL with a clear message, and saves none of the form", async () => {
    const profile = (await getEditableProfile(author, author.id))!;
    const before = await db.user.findUnique({ where: { id: author.id } });
    session.user = author;
    for (const website of ["example.com", "javascript:alert(1)", "ftp://example.com/file", "mailto:me@example.com", "https://", "not a url"]) {
      const result = await updateProfileAction(profileForm(profile, { website, bio: "Should not be saved." }));
      expectRefused(result, "INVALID_INPUT");
      expect(result).toMatchObject({ error: expect.stringContaining("https://"), fieldErrors: { website: [expect.stringContaining("http")] } });
    }
    for (const [changes, field] of [[{ name: "  " }, "name"], [{ slug: "!!!" }, "slug"], [{ bio: "b".repeat(251) }, "bio"]] as const) {
      const result = await updateProfileAction(profileForm(profile, changes));
      expectRefused(result, "INVALID_INPUT");
      expect(result.ok ? undefined : result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    }
    expect(await db.user.findUnique({ where: { id: author.id } })).toEqual(before);
  });
});
