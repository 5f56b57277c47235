/**
 * Staff profiles against PostgreSQL: who may edit whose, slugs, what readers see afterwards, and exactly
 * which cache tags each write returns. The server action's boundary (validation messages, sessions, the
 * tags it invalidates) is in tests/integration/staff-actions.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, getPublishedPost, listPublishedPosts, savePost } from "@/lib/posts";
import { getEditableProfile, updateProfile, type EditableProfile, type SessionUser } from "@/lib/users";
import { UpdateProfileInput } from "@/lib/validations/profile";
import { createStaff, createStaffSet, docJson, expectDomainError, postInput, removeCreatedData, runId, uniqueName } from "@/tests/integration/fixtures";

let contributor: SessionUser;
let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;
let admin: SessionUser;
let owner: SessionUser;

beforeAll(async () => {
  ({ contributor, author, otherAuthor, editor } = await createStaffSet());
  [admin, owner] = await Promise.all([createStaff("ADMIN"), createStaff("OWNER")]);
});

afterAll(async () => {
  await removeCreatedData();
});

/** A fresh author with one published post, so that their profile is public. */
async function publishedAuthor(): Promise<{ user: SessionUser; postSlug: string }> {
  const user = await createStaff("AUTHOR");
  const { id } = await createDraft(user);
  const { post } = await savePost(user, postInput({ id, version: 1, title: uniqueName("By them"), content: docJson("Body.") }), "publish");
  return { user, postSlug: post.slug };
}

async function profileOf(user: SessionUser): Promise<EditableProfile> {
  return (await getEditableProfile(user, user.id))!;
}

/** What the profile form sends for `profile` as loaded, with these changes. */
function formInput(profile: EditableProfile, changes: Partial<Record<"name" | "slug" | "bio" | "website", string>> = {}) {
  return { id: profile.id, name: profile.name, slug: profile.slug, bio: profile.bio, website: profile.website, ...changes };
}
const parsed = (input: ReturnType<typeof formInput>) => UpdateProfileInput.parse(input);

const storedUser = (id: string) => db.user.findUnique({ where: { id } });

describe("who edits whose profile", () => {
  it("lets every role edit their own profile", async () => {
    for (const actor of [contributor, author, editor, admin, owner]) {
      const profile = await profileOf(actor);
      expect(profile).toMatchObject({ id: actor.id, name: actor.name, email: actor.email, role: actor.role });
      const { profile: saved } = await updateProfile(actor, parsed(formInput(profile, { bio: `I am the ${actor.role.toLowerCase()}.` })));
      expect(saved.bio).toBe(`I am the ${actor.role.toLowerCase()}.`);
    }
  });

  it("lets admins and the owner edit anyone's profile", async () => {
    for (const actor of [admin, owner]) {
      const profile = (await getEditableProfile(actor, otherAuthor.id))!;
      expect(profile.id).toBe(otherAuthor.id);
      const { profile: saved } = await updateProfile(actor, parsed(formInput(profile, { bio: `Edited by ${actor.role}.` })));
      expect(saved.bio).toBe(`Edited by ${actor.role}.`);
    }
    expect((await getEditableProfile(admin, owner.id))?.id).toBe(owner.id);
  });

  it("refuses contributors and authors on someone else's profile (FORBIDDEN, or null for the form)", async () => {
    const target = await profileOf(otherAuthor);
    const before = await storedUser(otherAuthor.id);
    for (const actor of [contributor, author]) {
      expect(await getEditableProfile(actor, otherAuthor.id)).toBeNull();
      await expectDomainError(updateProfile(actor, parsed(formInput(target, { bio: "Hijacked." }))), "FORBIDDEN");
    }
    expect(await storedUser(otherAuthor.id)).toEqual(before);
  });

  it("lets editors edit the authors and contributors they manage, and no one above them", async () => {
    for (const managed of [otherAuthor, contributor]) {
      const profile = (await getEditableProfile(editor, managed.id))!;
      expect(profile.id).toBe(managed.id);
      const { profile: saved } = await updateProfile(editor, parsed(formInput(profile, { bio: "Edited by the editor." })));
      expect(saved.bio).toBe("Edited by the editor.");
    }
    for (const above of [admin, owner]) {
      const before = await storedUser(above.id);
      expect(await getEditableProfile(editor, above.id)).toBeNull();
      await expectDomainError(updateProfile(editor, parsed(formInput(await profileOf(above), { bio: "Hijacked." }))), "FORBIDDEN");
      expect(await storedUser(above.id)).toEqual(before);
    }
  });

  it("answers NOT_FOUND (or null) for a staff member who does not exist", async () => {
    expect(await getEditableProfile(admin, "no-such-user")).toBeNull();
    const profile = await profileOf(author);
    await expectDomainError(updateProfile(admin, { ...parsed(formInput(profile, { bio: "x" })), id: "no-such-user" }), "NOT_FOUND");
  });
});

describe("what readers see, and which pages are invalidated", () => {
  it("renames an author: post pages and cards show the new name; exactly author(old), author(new) and posts are invalidated", async () => {
    const { user, postSlug } = await publishedAuthor();
    const profile = await profileOf(user);
    expect(profile.isPublic).toBe(true);
    const name = uniqueName("Renamed Author");

    const result = await updateProfile(user, parsed(formInput(profile, { name, slug: "" })));
    const slug = name.toLowerCase().replaceAll(" ", "-");
    expect(result.profile).toMatchObject({ name, slug });
    expect(result.publicTags).toEqual([`author:${profile.slug}`, `author:${slug}`, "posts"]);

    expect((await getPublishedPost(postSlug))?.author).toMatchObject({ name, slug });
    const card = (await listPublishedPosts(1)).posts.find((post) => post.slug === postSlug);
    expect(card?.author).toMatchObject({ name, slug });
  });

  it("invalidates only the author's pages for a bio or website change (cards show neither)", async () => {
    const { user, postSlug } = await publishedAuthor();
    const profile = await profileOf(user);
    const result = await updateProfile(user, parsed(formInput(profile, { bio: "  Writes about queues.  ", website: "https://example.com/me" })));
    expect(result.profile).toMatchObject({ bio: "Writes about queues.", website: "https://example.com/me" });
    expect(result.publicTags).toEqual([`author:${profile.slug}`]);
    expect((await getPublishedPost(postSlug))?.author.bio).toBe("Writes about queues.");
    expect(await storedUser(user.id)).toMatchObject({ website: "https://example.com/me" });
  });

  it("clears bio and website with empty fields", async () => {
    const { user } = await publishedAuthor();
    await updateProfile(user, parsed(formInput(await profileOf(user), { bio: "Something.", website: "http://example.org" })));
    const { profile } = await updateProfile(user, parsed(formInput(await profileOf(user), { bio: "", website: "" })));
    expect(profile).toMatchObject({ bio: "", website: "" });
    expect(await storedUser(user.id)).toMatchObject({ bio: null, website: null });
  });

  it("writes and invalidates nothing when nothing changed", async () => {
    const { user } = await publishedAuthor();
    const before = await storedUser(user.id);
    expect((await updateProfile(user, parsed(formInput(await profileOf(user))))).publicTags).toEqual([]);
    expect(await storedUser(user.id)).toEqual(before);
  });

  it("invalidates nothing for staff without published posts: no public page shows them", async () => {
    const user = await createStaff("CONTRIBUTOR");
    const profile = await profileOf(user);
    expect(profile.isPublic).toBe(false);
    const result = await updateProfile(user, parsed(formInput(profile, { name: uniqueName("Quiet one"), slug: "", bio: "Drafts only." })));
    expect(result.publicTags).toEqual([]);
    expect(result.profile.slug).not.toBe(profile.slug);
  });
});

describe("slugs", () => {
  it("normalises a typed slug, and refuses one another staff member uses (SLUG_TAKEN)", async () => {
    const { user } = await publishedAuthor();
    const { profile } = await updateProfile(user, parsed(formInput(await profileOf(user), { slug: ` Pen Name ${runId} ` })));
    expect(profile.slug).toBe(`pen-name-${runId}`);

    const taken = (await profileOf(otherAuthor)).slug;
    const before = await storedUser(user.id);
    await expectDomainError(updateProfile(user, parsed(formInput(profile, { slug: taken, bio: "Should not be saved." }))), "SLUG_TAKEN");
    expect(await storedUser(user.id)).toEqual(before);
  });
});
