import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { savePost, setFeatureImage, type EditablePost } from "@/lib/posts";
import { restoreRevision } from "@/lib/posts/restore";
import { COALESCE_WINDOW_MS, compareRevisions, listRevisions } from "@/lib/posts/revisions";
import { savePostSettings } from "@/lib/posts/settings";
import { slugify } from "@/lib/slug";
import type { SessionUser } from "@/lib/users";
import { SavePostSettingsInput } from "@/lib/validations/post-settings";
import { readRevisionSettings } from "@/lib/validations/revision-settings";
import { createStaffSet, docJson, docOf, expectDomainError, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;
let contributor: SessionUser;
const mediaIds: string[] = [];

beforeAll(async () => {
  ({ author, otherAuthor, editor, contributor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
  await db.media.deleteMany({ where: { id: { in: mediaIds } } });
});

async function newPost(actor: SessionUser, options: { intent?: "save" | "publish"; tags?: string[]; text?: string } = {}) {
  const { post } = await savePost(actor, postInput({ title: uniqueName("Settings history"), tags: options.tags ?? [], content: docJson(options.text ?? "Body text.") }), options.intent ?? "save");
  return post;
}

/** A save of the post as it is, with some fields changed (as the editor sends it). */
async function save(actor: SessionUser, post: EditablePost, fields: { text?: string; tags?: string[]; slug?: string; title?: string } = {}) {
  const result = await savePost(
    actor,
    postInput({ id: post.id, version: post.version, title: fields.title ?? post.title, slug: fields.slug ?? post.slug, tags: fields.tags ?? post.tags, content: docJson(fields.text ?? "Body text.") }),
    "save",
  );
  return result.post;
}

const noSettings = { metaTitle: "", metaDescription: "", canonicalUrl: "", socialTitle: "", socialDescription: "", socialImage: "", publishedAt: "" };
const settingsInput = (postId: string, fields: Partial<typeof noSettings> = {}) => SavePostSettingsInput.parse({ postId, ...noSettings, ...fields });

/** Moves every revision of the post back in time, as if its saves had happened `ms` earlier. */
async function age(postId: string, ms: number) {
  await db.$executeRaw`UPDATE post_revisions SET created_at = created_at - ${ms} * interval '1 millisecond', updated_at = updated_at - ${ms} * interval '1 millisecond' WHERE post_id = ${postId}`;
}

const revisionsOf = (postId: string) => db.postRevision.findMany({ where: { postId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const newest = async (postId: string) => (await revisionsOf(postId))[0]!;
const settingsOf = (row: { settings: unknown }) => {
  const read = readRevisionSettings(row.settings);
  if (read.state !== "recorded") throw new Error(`settings ${read.state}`);
  return read.settings;
};

/** A media library entry (the row alone: restoring only asks whether the file is still in the library). */
async function mediaItem() {
  const key = `${randomBytes(12).toString("hex")}.png`;
  const row = await db.media.create({ data: { key, originalName: "card.png", mimeType: "image/png", bytes: 1, width: 1200, height: 630, variants: [] }, select: { id: true, key: true } });
  mediaIds.push(row.id);
  return { ...row, src: `/media/${key}` };
}

describe("settings in revisions: capture", () => {
  it("records slug, tags, feature image, search and social settings and the publish date with each revision", async () => {
    const tag = uniqueName("Tag");
    const post = await newPost(author, { intent: "publish", tags: [tag] });
    const settings = settingsOf(await newest(post.id));
    const stored = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { publishedAt: true, tags: { select: { tagId: true } } } });
    expect(settings).toEqual({
      slug: post.slug,
      tags: [{ id: stored.tags[0]!.tagId, name: tag }],
      featureImage: null,
      featureImageAlt: "",
      featureImageCaption: "",
      metaTitle: "",
      metaDescription: "",
      canonicalUrl: null,
      socialTitle: "",
      socialDescription: "",
      socialImage: null,
      publishedAt: stored.publishedAt!.toISOString(),
    });
  });

  it("starts a revision for a save that changes only settings, and still folds typing into one", async () => {
    const post = await newPost(author);
    expect(await revisionsOf(post.id)).toHaveLength(1);

    // Within the coalescing window, by the same author: still a revision of its own.
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "First description." }));
    let rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: "SAVE", authorId: author.id, postVersion: post.version, content: docOf("Body text.") });
    expect(settingsOf(rows[0]!).metaDescription).toBe("First description.");
    expect(settingsOf(rows[1]!).metaDescription).toBe("");

    // Typing with the settings unchanged folds into that revision, as before.
    let current = await save(author, post, { text: "More text." });
    current = await save(author, current, { text: "Even more text." });
    rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ content: docOf("Even more text."), postVersion: current.version });

    // The feature image, tags and slug are settings too; saving settings unchanged folds in.
    await setFeatureImage(author, { postId: post.id, src: "https://images.example/cover.jpg", alt: "A cover", caption: "" });
    expect(await revisionsOf(post.id)).toHaveLength(3);
    current = await save(author, current, { text: "Even more text.", tags: [uniqueName("Tag")] });
    expect(await revisionsOf(post.id)).toHaveLength(4);
    current = await save(author, current, { text: "Even more text.", slug: slugify(uniqueName("Moved")) });
    expect(await revisionsOf(post.id)).toHaveLength(5);
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "First description." }));
    rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(5);
    expect(settingsOf(rows[0]!)).toMatchObject({ slug: current.slug, featureImage: "https://images.example/cover.jpg", featureImageAlt: "A cover", metaDescription: "First description." });
  });

  it("never folds a save into a revision that recorded no settings (one made before they were kept)", async () => {
    const post = await newPost(author);
    await db.$executeRaw`UPDATE post_revisions SET settings = NULL WHERE post_id = ${post.id}`;
    await save(author, post, { text: "Edited." });
    const rows = await revisionsOf(post.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.settings).toBeNull();
    expect(settingsOf(rows[0]!).slug).toBe(post.slug);
  });

  it("records no revision for a refused settings save", async () => {
    const post = await newPost(author, { intent: "publish" });
    await expectDomainError(savePostSettings(author, settingsInput(post.id, { publishedAt: "2999-01-01T00:00" })), "INVALID_INPUT");
    await expectDomainError(savePostSettings(otherAuthor, settingsInput(post.id, { metaTitle: "Not mine" })), "NOT_FOUND");
    expect(await revisionsOf(post.id)).toHaveLength(1);
  });
});

describe("settings in revisions: compare", () => {
  it("shows changed settings with labels and tags added and removed, next to the text", async () => {
    const [kept, dropped, added] = [uniqueName("Tag"), uniqueName("Tag"), uniqueName("Tag")];
    const post = await newPost(author, { tags: [kept, dropped] });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Old description." }));
    const before = await newest(post.id);
    await age(post.id, COALESCE_WINDOW_MS + 1000);
    const current = await save(author, post, { text: "New text.", tags: [kept, added] });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "New description.", canonicalUrl: "https://origin.example/a" }));
    const after = await newest(post.id);

    const { diff } = await compareRevisions(author, post.id, before.id, after.id);
    expect(diff.changed).toBe(true);
    expect(diff.settings).toEqual({
      recorded: true,
      changes: [
        { field: "metaDescription", label: "Meta description", from: "Old description.", to: "New description." },
        { field: "canonicalUrl", label: "Canonical URL", from: "", to: "https://origin.example/a" },
      ],
      tagsAdded: [added],
      tagsRemoved: [dropped],
    });
    expect(diff.body.filter((part) => part.added).map((part) => part.value).join("")).toContain("New");
    expect(current.tags).toEqual([kept, added]);
    // The list says which settings each revision changed.
    expect((await listRevisions(author, post.id)).map((row) => row.settingsChanged)).toEqual([["Meta description", "Canonical URL"], ["Tags"], ["Meta description"], []]);
  });

  it("says settings are not compared for a revision without them, and survives a malformed row", async () => {
    const post = await newPost(author);
    const [legacy] = await revisionsOf(post.id);
    await db.$executeRaw`UPDATE post_revisions SET settings = NULL WHERE id = ${legacy!.id}`;
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Described." }));
    const recorded = await newest(post.id);
    const compared = await compareRevisions(author, post.id, legacy!.id, recorded.id);
    expect(compared.diff.settings).toEqual({ recorded: false, unreadable: false });
    // Same text, and the settings cannot be compared: nothing is claimed to differ.
    expect(compared.diff.changed).toBe(false);

    await db.$executeRaw`UPDATE post_revisions SET settings = '{"slug": 5, "tags": "x"}'::jsonb WHERE id = ${recorded.id}`;
    expect((await compareRevisions(author, post.id, legacy!.id, recorded.id)).diff.settings).toEqual({ recorded: false, unreadable: true });
    expect(await listRevisions(author, post.id)).toHaveLength(2);
  });
});

describe("settings in revisions: restore", () => {
  it("brings back every setting, through the save's slug path (the URL readers knew redirects)", async () => {
    const tag = uniqueName("Tag");
    const post = await newPost(author, { intent: "publish", tags: [tag] });
    const image = await mediaItem();
    await setFeatureImage(author, { postId: post.id, src: image.src, alt: "A lake", caption: "At dawn" });
    await savePostSettings(
      author,
      settingsInput(post.id, { metaTitle: "Meta", metaDescription: "Original description.", canonicalUrl: "https://origin.example/x", socialTitle: "Social", socialDescription: "Card", socialImage: image.src }),
    );
    const original = await newest(post.id);
    const published = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { publishedAt: true, version: true } });

    await age(post.id, COALESCE_WINDOW_MS + 1000);
    const movedSlug = slugify(uniqueName("Moved"));
    const moved = await save(author, { ...post, version: published.version }, { slug: movedSlug, tags: [uniqueName("Tag")], text: "Rewritten." });
    await setFeatureImage(author, { postId: post.id, src: "", alt: "", caption: "" });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Changed description.", publishedAt: "2023-04-05T06:07" }));
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { publishedAt: true } })).publishedAt!.getUTCFullYear()).toBe(2023);

    const restored = await restoreRevision(author, { postId: post.id, revisionId: original.id, version: moved.version });
    expect(restored.notes).toEqual([]);
    expect(restored.post).toMatchObject({ slug: post.slug, tags: [tag], featureImage: { src: image.src, alt: "A lake", caption: "At dawn" }, content: docOf("Body text."), version: moved.version + 1 });
    const row = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(row).toMatchObject({
      metaTitle: "Meta",
      metaDescription: "Original description.",
      canonicalUrl: "https://origin.example/x",
      socialTitle: "Social",
      socialDescription: "Card",
      socialImage: image.src,
      publishedAt: published.publishedAt,
      status: "PUBLISHED",
    });
    // As any slug change of a published post: the slug readers saw last redirects here; the restored one is live.
    expect(await db.postSlug.findUnique({ where: { slug: movedSlug } })).toMatchObject({ postId: post.id });
    expect(await db.postSlug.findUnique({ where: { slug: post.slug } })).toBeNull();
    expect(restored.publicTags).toEqual(expect.arrayContaining([`post:${post.slug}`, `post:${movedSlug}`]));

    // The restore is a revision of its own, with the settings it wrote.
    const [restoreRow] = await revisionsOf(post.id);
    expect(restoreRow).toMatchObject({ kind: "RESTORE", authorId: author.id, postVersion: restored.post.version });
    expect(settingsOf(restoreRow!)).toEqual(settingsOf(original));
  });

  it("skips tags deleted since, drops images deleted from the library since, keeps a slug taken since, and says so", async () => {
    const [staying, deleted] = [uniqueName("Tag"), uniqueName("Tag")];
    const post = await newPost(author, { intent: "publish", tags: [staying, deleted] });
    const [feature, social] = [await mediaItem(), await mediaItem()];
    await setFeatureImage(author, { postId: post.id, src: feature.src, alt: "Gone soon", caption: "Caption" });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Before.", socialImage: social.src }));
    const original = await newest(post.id);

    const current = await save(author, post, { slug: slugify(uniqueName("Renamed")), tags: [staying] });
    await setFeatureImage(author, { postId: post.id, src: "", alt: "", caption: "" });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "After." }));
    await db.tag.delete({ where: { slug: slugify(deleted) } });
    await db.media.deleteMany({ where: { id: { in: [feature.id, social.id] } } });
    // Another post takes the slug this one had.
    await savePost(editor, postInput({ title: uniqueName("Squatter"), slug: post.slug, content: docJson("Mine now.") }), "save");

    const restored = await restoreRevision(author, { postId: post.id, revisionId: original.id, version: current.version });
    expect(restored.notes).toHaveLength(4);
    expect(restored.notes.join("\n")).toContain(`"${deleted}"`);
    expect(restored.notes.join("\n")).toContain(`"${post.slug}"`);
    expect(restored.notes.join("\n")).toMatch(/feature image/);
    expect(restored.notes.join("\n")).toMatch(/social image/);
    expect(restored.post).toMatchObject({ slug: current.slug, tags: [staying], featureImage: null });
    // Everything else of the revision is back.
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ metaDescription: "Before.", socialImage: null, featureImageAlt: "", featureImageCaption: "" });
    expect(await db.tag.count({ where: { slug: slugify(deleted) } })).toBe(0);
  });

  it("restores only the text of a revision without readable settings, and says the settings were kept", async () => {
    const post = await newPost(author, { text: "Old text." });
    const [legacy] = await revisionsOf(post.id);
    await db.$executeRaw`UPDATE post_revisions SET settings = NULL WHERE id = ${legacy!.id}`;
    const current = await save(author, post, { text: "New text.", tags: [uniqueName("Tag")] });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Kept." }));

    const restored = await restoreRevision(author, { postId: post.id, revisionId: legacy!.id, version: current.version });
    expect(restored.notes).toEqual([expect.stringMatching(/older than the recording of settings/)]);
    expect(restored.post).toMatchObject({ content: docOf("Old text."), tags: current.tags, slug: current.slug });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).metaDescription).toBe("Kept.");

    const malformed = await newest(post.id);
    await db.$executeRaw`UPDATE post_revisions SET settings = '[]'::jsonb WHERE id = ${malformed.id}`;
    const again = await restoreRevision(author, { postId: post.id, revisionId: malformed.id, version: restored.post.version });
    expect(again.notes).toEqual([expect.stringMatching(/could not be read/)]);
  });

  it("keeps permissions and the version check: a refused restore changes no setting", async () => {
    const tag = uniqueName("Tag");
    const post = await newPost(author, { tags: [tag] });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "Before." }));
    const original = await newest(post.id);
    const current = await save(author, post, { tags: [] });
    await savePostSettings(author, settingsInput(post.id, { metaDescription: "After." }));

    await expectDomainError(restoreRevision(otherAuthor, { postId: post.id, revisionId: original.id, version: current.version }), "NOT_FOUND");
    await expectDomainError(restoreRevision(author, { postId: post.id, revisionId: original.id, version: post.version }), "CONFLICT");
    const unchanged = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { metaDescription: true, version: true, tags: true } });
    expect(unchanged).toEqual({ metaDescription: "After.", version: current.version, tags: [] });

    // A contributor may not create tags, but restoring one that still exists creates nothing.
    const draft = await newPost(contributor);
    await db.postTag.create({ data: { postId: draft.id, tagId: (await db.tag.findUniqueOrThrow({ where: { slug: slugify(tag) } })).id } });
    await savePostSettings(contributor, settingsInput(draft.id, { metaTitle: "With a tag" }));
    const tagged = await newest(draft.id);
    const untagged = await save(contributor, { ...draft, tags: [tag] }, { tags: [] });
    const restored = await restoreRevision(contributor, { postId: draft.id, revisionId: tagged.id, version: untagged.version });
    expect(restored.post.tags).toEqual([tag]);
    expect(restored.notes).toEqual([]);
  });
});
