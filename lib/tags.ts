import "server-only";
import { record } from "@/lib/audit";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import type { TransactionClient } from "@/lib/generated/prisma/internal/prismaNamespace";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { slugify } from "@/lib/slug";
import type { DeleteTagInput, UpdateTagInput } from "@/lib/validations/tag";

export interface TagRef {
  name: string;
  slug: string;
}

/** All tag names, for the editor's suggestions. Any staff member may call it. */
export async function listTagNames(actor: Actor): Promise<string[]> {
  assertCan(actor, "admin.access");
  const tags = await db.tag.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return tags.map((tag) => tag.name);
}

/**
 * Ids of the tags named, in the order given, creating missing ones when the actor may create tags.
 * Names that slugify to the same slug count once. Throws DomainError("FORBIDDEN" | "INVALID_INPUT").
 */
export async function resolveTagsForWrite(tx: TransactionClient, actor: Actor, names: string[]): Promise<{ id: string; slug: string }[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw new DomainError("INVALID_INPUT", `"${name}" cannot be used as a tag name.`);
    if (!wanted.has(slug)) wanted.set(slug, name);
  }
  if (wanted.size === 0) return [];

  // Names match first: a tag renamed in tag management keeps its slug ("ML" for "machine-learning"),
  // and a post saved with the new name must keep that tag rather than get a new one.
  const existing = await tx.tag.findMany({
    where: { OR: [{ slug: { in: [...wanted.keys()] } }, { name: { in: [...wanted.values()], mode: "insensitive" } }] },
    select: { id: true, slug: true, name: true },
  });
  const bySlug = new Map(existing.map((tag) => [tag.slug, tag]));
  const byName = new Map(existing.map((tag) => [tag.name.toLowerCase(), tag]));
  const find = (slug: string, name: string) => byName.get(name.toLowerCase()) ?? bySlug.get(slug);
  const missing = [...wanted].filter(([slug, name]) => !find(slug, name));
  if (missing.length > 0) {
    assertCan(actor, "tag.create");
    // ON CONFLICT DO NOTHING: a tag created by a concurrent save is reused, not reported as a clash.
    const made = await tx.tag.createManyAndReturn({ data: missing.map(([slug, name]) => ({ slug, name })), skipDuplicates: true, select: { id: true, name: true } });
    // In the same transaction: a tag exists in the log exactly when it exists.
    for (const tag of made) await record(actor, "tag.create", { type: "tag", id: tag.id, label: tag.name }, undefined, { client: tx });
    const created = await tx.tag.findMany({ where: { slug: { in: missing.map(([slug]) => slug) } }, select: { id: true, slug: true, name: true } });
    for (const tag of created) bySlug.set(tag.slug, tag);
  }
  const resolved = new Map([...wanted].map(([slug, name]) => find(slug, name)!).map((tag) => [tag.id, { id: tag.id, slug: tag.slug }]));
  return [...resolved.values()];
}

// ---------------------------------------------------------------------------------------------
// Reader reads for tag archives (tag pages, the 404 page). Only published posts count: a tag whose
// posts are all drafts does not exist for readers (Ghost answers 404 for it too).

/** A tag as its public archive page shows it. */
export interface PublicTag extends TagRef {
  description: string | null;
  /** Published posts with this tag; always at least 1. */
  postCount: number;
}

const publishedPostLinks = { post: { status: "PUBLISHED" } } as const;

/** The tag with this slug and its published-post count, or null when it has no published posts. */
export async function getPublicTag(slug: string): Promise<PublicTag | null> {
  "use cache";
  // tag:<slug> covers renames, description edits and every post write touching the tag; no broader
  // tag, so publishing elsewhere leaves this page cached.
  cacheTag(cacheTags.tag(slug));
  cacheLife("content");
  const tag = await db.tag.findUnique({
    where: { slug },
    select: { name: true, slug: true, description: true, _count: { select: { posts: { where: publishedPostLinks } } } },
  });
  if (!tag || tag._count.posts === 0) return null;
  return { name: tag.name, slug: tag.slug, description: tag.description, postCount: tag._count.posts };
}

/** Up to `limit` tags with published posts, most used first (then by name); for "popular tags" and static params. */
export async function listPopularTags(limit: number): Promise<PublicTag[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  // Prisma can order by a relation count but not by a filtered one, and drafts must not count.
  const rows = await db.$queryRaw<PublicTag[]>`
    SELECT t.name, t.slug, t.description, count(*)::int AS "postCount"
    FROM tags t
    JOIN post_tags pt ON pt.tag_id = t.id
    JOIN posts p ON p.id = pt.post_id
    WHERE p.status = 'PUBLISHED'
    GROUP BY t.id
    ORDER BY "postCount" DESC, t.name ASC
    LIMIT ${limit}`;
  if (rows.length > 0) cacheTag(...rows.map((row) => cacheTags.tag(row.slug)));
  return rows.map((row) => ({ name: row.name, slug: row.slug, description: row.description, postCount: row.postCount }));
}

// ---------------------------------------------------------------------------------------------
// Tag management: editors and up (Ghost's rule). Writes return the cache tags of the public pages
// they changed, for the action to invalidate.

/** A row of the admin tag list. */
export interface AdminTagRow {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  /** Posts of any status carrying the tag. */
  postCount: number;
}

/** A tag as its edit form needs it; `updatedAt` is the version the form must send back. */
export interface EditableTag {
  id: string;
  name: string;
  slug: string;
  description: string;
  postCount: number;
  updatedAt: Date;
}

export interface TagWriteResult {
  tag: EditableTag;
  /** Cache tags of public pages this write changed; empty when readers see no difference. */
  publicTags: string[];
}

const editableTagSelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  updatedAt: true,
  _count: { select: { posts: true } },
} satisfies Prisma.TagSelect;

type EditableTagRow = Prisma.TagGetPayload<{ select: typeof editableTagSelect }>;

const toEditableTag = ({ _count, description, ...row }: EditableTagRow): EditableTag => ({
  ...row,
  description: description ?? "",
  postCount: _count.posts,
});

/** Every tag with its post count, by name. Editors and up; throws DomainError("FORBIDDEN"). */
export async function listTagsForAdmin(actor: Actor): Promise<AdminTagRow[]> {
  assertCan(actor, "tag.manage");
  const rows = await db.tag.findMany({ orderBy: [{ name: "asc" }, { slug: "asc" }], select: editableTagSelect });
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, description: row.description, postCount: row._count.posts }));
}

/** The tag for its edit form, or null when it does not exist or the actor may not manage tags. */
export async function getEditableTag(actor: Actor, id: string): Promise<EditableTag | null> {
  if (!can(actor, "tag.manage")) return null;
  const row = await db.tag.findUnique({ where: { id }, select: editableTagSelect });
  return row ? toEditableTag(row) : null;
}

function isPrismaError(error: unknown, code: "P2002" | "P2025"): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

const tagConflict = () =>
  new DomainError("CONFLICT", "Someone changed this tag since you opened it, so your changes were not saved. Reload to see the latest version.");
const tagSlugTaken = (slug: string) => new DomainError("SLUG_TAKEN", `Another tag already uses the slug "${slug}". Choose a different one.`);
const hasPublishedPosts = (tagId: string) =>
  db.post.count({ where: { status: "PUBLISHED", tags: { some: { tagId } } }, take: 1 }).then((count) => count > 0);

/**
 * Renames, re-slugs or describes a tag, at the version the actor loaded (`updatedAt`); an empty slug
 * follows the name. Editors and up. Throws DomainError("FORBIDDEN" | "NOT_FOUND" | "CONFLICT" |
 * "SLUG_TAKEN" | "INVALID_INPUT").
 */
export async function updateTag(actor: Actor, input: UpdateTagInput): Promise<TagWriteResult> {
  assertCan(actor, "tag.manage");
  const existing = await db.tag.findUnique({ where: { id: input.id }, select: editableTagSelect });
  if (!existing) throw new DomainError("NOT_FOUND", "That tag no longer exists.");
  if (existing.updatedAt.getTime() !== new Date(input.updatedAt).getTime()) throw tagConflict();

  const slug = input.slug || slugify(input.name);
  if (!slug) throw new DomainError("INVALID_INPUT", "Use at least one letter or number in the name.");
  const description = input.description || null;
  const renamed = input.name !== existing.name || slug !== existing.slug;
  if (!renamed && description === existing.description) return { tag: toEditableTag(existing), publicTags: [] };

  if (slug !== existing.slug && (await db.tag.findUnique({ where: { slug }, select: { id: true } }))) throw tagSlugTaken(slug);
  // Posts are tagged by name in the editor; two tags of one name could not be told apart there.
  const sameName = await db.tag.findFirst({
    where: { name: { equals: input.name, mode: "insensitive" }, id: { not: existing.id } },
    select: { id: true },
  });
  if (sameName) throw new DomainError("INVALID_INPUT", `Another tag is already called "${input.name}".`);

  let saved: EditableTagRow;
  try {
    // updatedAt in the WHERE makes the version check and the write one atomic step.
    saved = await db.tag.update({
      where: { id: existing.id, updatedAt: existing.updatedAt },
      data: { name: input.name, slug, description },
      select: editableTagSelect,
    });
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw tagConflict();
    if (isPrismaError(error, "P2002")) throw tagSlugTaken(slug);
    throw error;
  }

  // A tag without published posts has no public page and appears on none. Otherwise post and archive
  // pages are tagged with the tag of every post they show, so tag(old slug) reaches all of them;
  // tag(new slug) drops a cached 404 at the new address; the home page and its pagination (postList)
  // show tag names on cards, which a description does not change.
  await record(actor, "tag.update", { type: "tag", id: saved.id, label: saved.name }, renamed ? { from: { name: existing.name, slug: existing.slug }, to: { name: saved.name, slug: saved.slug } } : { description: true });
  const publicTags = !(await hasPublishedPosts(saved.id))
    ? []
    : renamed
      ? [cacheTags.tag(existing.slug), cacheTags.tag(saved.slug), cacheTags.postList]
      : [cacheTags.tag(saved.slug)];
  return { tag: toEditableTag(saved), publicTags: [...new Set(publicTags)] };
}

/**
 * Deletes a tag; its posts lose it (the links cascade) and are otherwise unchanged. Editors and up.
 * Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function deleteTag(actor: Actor, input: DeleteTagInput): Promise<{ publicTags: string[] }> {
  assertCan(actor, "tag.manage");
  const tag = await db.tag.findUnique({ where: { id: input.id }, select: { id: true, slug: true, name: true } });
  if (!tag) throw new DomainError("NOT_FOUND", "That tag no longer exists.");
  // Read before the delete: afterwards nothing links the posts to this tag any more.
  const hadPublishedPosts = await hasPublishedPosts(tag.id);
  try {
    await db.tag.delete({ where: { id: tag.id } });
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw new DomainError("NOT_FOUND", "That tag no longer exists.");
    throw error;
  }
  await record(actor, "tag.delete", { type: "tag", id: tag.id, label: tag.name }, { slug: tag.slug });
  // tag(slug) reaches the tag page and every post and archive page that showed the tag; postList the
  // home page's cards. A tag without published posts was on no public page.
  return { publicTags: hadPublishedPosts ? [cacheTags.tag(tag.slug), cacheTags.postList] : [] };
}
