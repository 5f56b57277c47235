/**
 * Tag management against PostgreSQL: roles, slugs, versions, what readers see afterwards, and exactly
 * which cache tags each write returns. The server actions' boundary is in tests/integration/staff-actions.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, getPublishedPost, listPublishedPosts, savePost, type EditablePost } from "@/lib/posts";
import { slugify } from "@/lib/slug";
import { deleteTag, getEditableTag, listTagsForAdmin, updateTag, type EditableTag } from "@/lib/tags";
import type { SessionUser } from "@/lib/users";
import { UpdateTagInput } from "@/lib/validations/tag";
import { createStaff, createStaffSet, docJson, expectDomainError, postInput, removeCreatedData, runId, uniqueName } from "@/tests/integration/fixtures";

let contributor: SessionUser;
let author: SessionUser;
let editor: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  ({ contributor, author, editor } = await createStaffSet());
  admin = await createStaff("ADMIN");
});

afterAll(async () => {
  await removeCreatedData();
});

/** A post of `owner`'s carrying these tags (created on the way), published or left a draft. */
async function postWithTags(owner: SessionUser, tags: string[], intent: "publish" | "save" = "publish"): Promise<EditablePost> {
  const { id } = await createDraft(owner);
  return (await savePost(owner, postInput({ id, version: 1, title: uniqueName("Tagged"), tags, content: docJson("Body.") }), intent)).post;
}

async function tagNamed(name: string): Promise<EditableTag> {
  const row = await db.tag.findUniqueOrThrow({ where: { slug: slugify(name) }, select: { id: true } });
  return (await getEditableTag(editor, row.id))!;
}

/** What the tag form sends for `tag` as loaded, with these changes; parsed as the action parses it. */
function formInput(tag: EditableTag, changes: Partial<Record<"name" | "slug" | "description" | "updatedAt", string>> = {}) {
  return { id: tag.id, updatedAt: tag.updatedAt.toISOString(), name: tag.name, slug: tag.slug, description: tag.description, ...changes };
}
const parsed = (input: ReturnType<typeof formInput>) => UpdateTagInput.parse(input);

const storedTag = (id: string) => db.tag.findUnique({ where: { id } });

describe("who manages tags", () => {
  it("lists every tag with its post count, drafts included, for editors and admins", async () => {
    const name = uniqueName("Counted");
    await postWithTags(author, [name]);
    await postWithTags(author, [name], "save");
    for (const actor of [editor, admin]) {
      const row = (await listTagsForAdmin(actor)).find((tag) => tag.slug === slugify(name));
      expect(row).toMatchObject({ name, slug: slugify(name), description: null, postCount: 2 });
    }
  });

  it("refuses authors and contributors everywhere (FORBIDDEN, or null for the form), and changes nothing", async () => {
    const name = uniqueName("Guarded");
    await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    const before = await storedTag(tag.id);
    for (const actor of [author, contributor]) {
      await expectDomainError(listTagsForAdmin(actor), "FORBIDDEN");
      expect(await getEditableTag(actor, tag.id)).toBeNull();
      await expectDomainError(updateTag(actor, parsed(formInput(tag, { name: "Taken over" }))), "FORBIDDEN");
      await expectDomainError(deleteTag(actor, { id: tag.id }), "FORBIDDEN");
    }
    expect(await storedTag(tag.id)).toEqual(before);
  });
});

describe("editing a tag", () => {
  it("renames a tag on a published post: readers see the new name and slug, and exactly tag(old), tag(new) and posts are invalidated", async () => {
    const oldName = uniqueName("Old name");
    const post = await postWithTags(author, [oldName]);
    const tag = await tagNamed(oldName);
    const newName = uniqueName("New name");

    const result = await updateTag(editor, parsed(formInput(tag, { name: newName, slug: "" })));
    expect(result.tag).toMatchObject({ id: tag.id, name: newName, slug: slugify(newName), postCount: 1 });
    expect(result.publicTags).toEqual([`tag:${slugify(oldName)}`, `tag:${slugify(newName)}`, "posts"]);

    expect((await getPublishedPost(post.slug))?.tags).toEqual([{ name: newName, slug: slugify(newName) }]);
    const card = (await listPublishedPosts(1)).posts.find((summary) => summary.id === post.id);
    expect(card?.tags).toEqual([{ name: newName, slug: slugify(newName) }]);
  });

  it("keeps the slug when only the name changes, and then invalidates that slug's pages once", async () => {
    const name = uniqueName("Stable slug");
    await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    const { tag: saved, publicTags } = await updateTag(editor, parsed(formInput(tag, { name: `${name} (renamed)` })));
    expect(saved.slug).toBe(tag.slug);
    expect(publicTags).toEqual([`tag:${tag.slug}`, "posts"]);
  });

  it("normalises a typed slug", async () => {
    const name = uniqueName("Typed slug");
    await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    const { tag: saved } = await updateTag(editor, parsed(formInput(tag, { slug: `  Hand Made ${runId}!  ` })));
    expect(saved.slug).toBe(`hand-made-${runId}`);
  });

  it("invalidates only the tag's own pages when just the description changes (cards do not show it)", async () => {
    const name = uniqueName("Described");
    const post = await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    const result = await updateTag(editor, parsed(formInput(tag, { description: "  Posts about described things.  " })));
    expect(result.tag.description).toBe("Posts about described things.");
    expect(result.publicTags).toEqual([`tag:${tag.slug}`]);
    expect((await getPublishedPost(post.slug))?.tags).toEqual([{ name, slug: tag.slug }]);
  });

  it("writes and invalidates nothing when nothing changed", async () => {
    const name = uniqueName("Unchanged");
    await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    expect(await updateTag(editor, parsed(formInput(tag)))).toEqual({ tag, publicTags: [] });
    expect(await storedTag(tag.id)).toMatchObject({ updatedAt: tag.updatedAt });
  });

  it("invalidates nothing for a tag only drafts carry: no public page shows it", async () => {
    const name = uniqueName("Draft only");
    await postWithTags(author, [name], "save");
    const tag = await tagNamed(name);
    const { tag: saved, publicTags } = await updateTag(editor, parsed(formInput(tag, { name: uniqueName("Still draft only"), slug: "" })));
    expect(saved.slug).not.toBe(tag.slug);
    expect(publicTags).toEqual([]);
  });

  it("refuses a slug another tag uses (SLUG_TAKEN) and changes nothing", async () => {
    const [first, second] = [uniqueName("First"), uniqueName("Second")];
    await postWithTags(author, [first, second]);
    const tag = await tagNamed(first);
    const before = await storedTag(tag.id);
    await expectDomainError(updateTag(editor, parsed(formInput(tag, { name: uniqueName("Renamed"), slug: slugify(second) }))), "SLUG_TAKEN");
    expect(await storedTag(tag.id)).toEqual(before);
  });

  it("refuses a name another tag has, in any case (INVALID_INPUT)", async () => {
    const [first, second] = [uniqueName("Alpha"), uniqueName("Beta")];
    await postWithTags(author, [first, second]);
    const tag = await tagNamed(first);
    await expectDomainError(updateTag(editor, parsed(formInput(tag, { name: second.toUpperCase() }))), "INVALID_INPUT");
    expect(await storedTag(tag.id)).toMatchObject({ name: first });
  });

  it("refuses a save based on a stale version (CONFLICT)", async () => {
    const name = uniqueName("Two tabs");
    await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    await updateTag(editor, parsed(formInput(tag, { description: "First tab." })));
    await expectDomainError(updateTag(editor, parsed(formInput(tag, { description: "Second tab." }))), "CONFLICT");
    expect(await storedTag(tag.id)).toMatchObject({ description: "First tab." });
  });

  it("answers NOT_FOUND for a tag that is gone", async () => {
    const name = uniqueName("Gone");
    await postWithTags(author, [name], "save");
    const tag = await tagNamed(name);
    await db.tag.delete({ where: { id: tag.id } });
    await expectDomainError(updateTag(editor, parsed(formInput(tag, { name: "Back" }))), "NOT_FOUND");
    await expectDomainError(deleteTag(editor, { id: tag.id }), "NOT_FOUND");
  });

  it("keeps a renamed tag on posts saved from the editor with its new name", async () => {
    const name = uniqueName("Machine learning");
    const post = await postWithTags(author, [name]);
    const tag = await tagNamed(name);
    const shortName = `ML ${runId}`;
    await updateTag(editor, parsed(formInput(tag, { name: shortName })));

    const reopened = await savePost(
      author,
      postInput({ id: post.id, version: post.version, title: post.title, tags: [shortName.toLowerCase()], content: docJson("Body.") }),
      "save",
    );
    expect(reopened.post.tags).toEqual([shortName]);
    expect(await db.tag.count({ where: { name: { equals: shortName, mode: "insensitive" } } })).toBe(1);
  });
});

describe("deleting a tag", () => {
  it("removes it from its posts, keeps the posts, and invalidates the tag and the post lists exactly", async () => {
    const [doomed, kept] = [uniqueName("Doomed"), uniqueName("Kept")];
    const post = await postWithTags(author, [doomed, kept]);
    const tag = await tagNamed(doomed);

    expect(await deleteTag(editor, { id: tag.id })).toEqual({ publicTags: [`tag:${slugify(doomed)}`, "posts"] });

    expect(await storedTag(tag.id)).toBeNull();
    expect((await getPublishedPost(post.slug))?.tags).toEqual([{ name: kept, slug: slugify(kept) }]);
  });

  it("invalidates nothing when only drafts carried it", async () => {
    const name = uniqueName("Draft tag");
    const draft = await postWithTags(author, [name], "save");
    const tag = await tagNamed(name);
    expect(await deleteTag(editor, { id: tag.id })).toEqual({ publicTags: [] });
    expect(await db.post.findUnique({ where: { id: draft.id }, select: { id: true } })).not.toBeNull();
  });
});
