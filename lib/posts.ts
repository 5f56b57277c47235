import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { db, queryPrepared } from "@/lib/db";
import { cacheTags } from "@/lib/cache/tags";
import type { FeedScope } from "@/lib/paths";
import { emptyDoc, readingMinutes, type PostDoc } from "@/lib/editor/doc-text";
import type { ActionResult } from "@/lib/action-result";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { slugify, uniqueSlug } from "@/lib/slug";
import { recordSearchTerms } from "@/lib/search-terms";
import { forgetRetiredSlugs, recordDeletedSlug, recordSlugChange } from "@/lib/slug-history";
import { resolveTagsForWrite, type TagRef } from "@/lib/tags";
import type { SavePostInput, DeletePostInput } from "@/lib/validations/post";
import type { SetFeatureImageInput } from "@/lib/validations/media";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { getPostsPerPage } from "@/lib/site";
import { avatarSrc } from "@/lib/staff/avatar-limits";
import { recordRevision, type RevisionKind } from "@/lib/posts/revisions";
import { BODY_RENDERER, storedBodyHtml, type PostBodyHtml } from "@/lib/posts/stored-body";
import type { TocEntry } from "@/lib/editor/headings";

/** Posts per list page until an Administrator sets another number (lib/site.ts). */
export const POSTS_PER_PAGE = 10;

/** A post's state, as staff see it (the database enum, without its generated type). */
export type PostStatus = "DRAFT" | "SCHEDULED" | "PUBLISHED";

export interface PostAuthor {
  name: string;
  slug: string;
  bio: string | null;
}

/** A published post as lists show it. */
export interface PostSummary {
  id: string;
  title: string;
  slug: string;
  excerpt: string;
  publishedAt: Date;
  readingMinutes: number;
  author: PostAuthor;
  tags: TagRef[];
}

/** A published post with its body, for the post page. */
export interface PublicPost extends PostSummary {
  /** The body as the page shows it, rendered once per change of the post, with its data. */
  body: PostBodyHtml;
  /** The body's table of contents (empty when it has too few headings), kept with the body. */
  toc: TocEntry[];
  featureImage: string | null;
  featureImageAlt: string;
  featureImageCaption: string;
  updatedAt: Date;
  wordCount: number;
  /** avatarSrc: the author's profile photo (lib/staff/avatar-limits avatarSrc), when known. */
  author: PostAuthor & { website: string | null; avatarSrc?: string | null };
  /** The post's search and social settings; empty means "use the title, excerpt and feature image". */
  seo?: PublicPostSeo;
}

export interface PublicPostSeo {
  metaTitle: string;
  metaDescription: string;
  /** Absolute http(s) URL of the original, or null: the post's own URL is canonical. */
  canonicalUrl: string | null;
  socialTitle: string;
  socialDescription: string;
  socialImage: string | null;
}

export interface PostPage {
  posts: PostSummary[];
  page: number;
  totalPages: number;
}

const summarySelect = {
  id: true,
  title: true,
  slug: true,
  excerpt: true,
  publishedAt: true,
  wordCount: true,
  author: { select: { name: true, slug: true, bio: true } },
  tags: { select: { tag: { select: { name: true, slug: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.PostSelect;

type SummaryRow = Prisma.PostGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): PostSummary {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: row.publishedAt ?? new Date(0),
    readingMinutes: readingMinutes(row.wordCount),
    author: row.author,
    tags: row.tags.map(({ tag }) => tag),
  };
}

const publishedWhere = { status: "PUBLISHED" } satisfies Prisma.PostWhereInput;

/** Published posts by id, as list entries (ids that are not published are missing from the map). */
export async function listPublishedSummariesById(ids: string[]): Promise<Map<string, PostSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.post.findMany({ where: { id: { in: ids }, ...publishedWhere }, select: summarySelect });
  return new Map(rows.map((row) => [row.id, toSummary(row)]));
}

/** One page of published posts, newest first; page numbers start at 1. Readers only: no drafts by construction. */
export async function listPublishedPosts(page: number): Promise<PostPage> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  return listPublishedPage({}, page);
}

/** A row of publishedPostQuery. */
export interface PublicPostRow {
  id: string;
  title: string;
  slug: string;
  excerpt: string;
  published_at: Date | null;
  word_count: number;
  updated_at: Date;
  feature_image: string | null;
  feature_image_alt: string;
  feature_image_caption: string;
  meta_title: string;
  meta_description: string;
  canonical_url: string | null;
  social_title: string;
  social_description: string;
  social_image: string | null;
  /** The stored body and contents, when current; else null and the document instead. */
  body_html: string | null;
  body_toc: TocEntry[] | null;
  content: PostDoc | null;
  author_name: string;
  author_slug: string;
  author_bio: string | null;
  author_website: string | null;
  author_avatar_key: string | null;
  tags: TagRef[];
  media_keys: string[];
}

/** The published post with this slug, or null (drafts and scheduled posts are null too). */
export async function getPublishedPost(slug: string): Promise<PublicPost | null> {
  "use cache";
  cacheLife("content");
  return readPublishedPost(slug);
}

/**
 * getPublishedPost without a cache entry of its own, for a "use cache" read that shows the post with more
 * (lib/posts/post-page.ts): call it only inside one, which gets its cache tags.
 */
export async function readPublishedPost(slug: string): Promise<PublicPost | null> {
  // Also when there is none: publishing a post under this slug must refresh a cached null.
  cacheTag(cacheTags.post(slug));
  const [row] = await queryPrepared<PublicPostRow[]>("published_post", publishedPostQuery(slug));
  return row ? publicPostFromRow(row) : null;
}

/**
 * The statement readPublishedPost runs, with `extra` columns after the post's (they may refer to the post
 * as `p`): lib/posts/post-page.ts reads the post's neighbours and related posts in the same statement.
 */
export function publishedPostQuery(slug: string, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  // One statement for the post, its author, tags and files. The document (often the largest column) is
  // read only when no current rendering of it is stored: a post saved before its renderer changed, or
  // stored before the table of contents was (a job fills those, lib/posts/body-backfill.ts).
  return Prisma.sql`
    SELECT p.id, p.title, p.slug, p.excerpt, p.published_at, p.word_count, p.updated_at,
      p.feature_image, p.feature_image_alt, p.feature_image_caption,
      p.meta_title, p.meta_description, p.canonical_url, p.social_title, p.social_description, p.social_image,
      CASE WHEN s.current THEN p.body_html END AS body_html,
      CASE WHEN s.current THEN p.body_toc END AS body_toc,
      CASE WHEN s.current THEN NULL ELSE p.content END AS content,
      u.name AS author_name, u.slug AS author_slug, u.bio AS author_bio, u.website AS author_website, u.avatar_key AS author_avatar_key,
      coalesce((
        SELECT json_agg(json_build_object('name', t.name, 'slug', t.slug) ORDER BY pt.position, t.slug)
        FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id
      ), '[]'::json) AS tags,
      array(SELECT m.key FROM post_media pm JOIN media m ON m.id = pm.media_id WHERE pm.post_id = p.id ORDER BY m.key) AS media_keys
      ${extra}
    FROM posts p
    JOIN users u ON u.id = p.author_id
    CROSS JOIN LATERAL (
      SELECT p.body_html IS NOT NULL AND p.body_toc IS NOT NULL AND p.body_html_renderer IS NOT DISTINCT FROM ${BODY_RENDERER} AS current
    ) s
    WHERE p.slug = ${slug} AND p.status = 'PUBLISHED'`;
}

/**
 * The post of a row of publishedPostQuery, tagging the "use cache" read it is called in with its author,
 * tags and files (the caller tags the slug it asked for, found or not).
 */
export async function publicPostFromRow(row: PublicPostRow): Promise<PublicPost> {
  // The files the body shows: their alt text and copies are in the stored body, so a change to one refreshes this.
  cacheTag(cacheTags.author(row.author_slug), ...row.tags.map((tag) => cacheTags.tag(tag.slug)), ...row.media_keys.map((key) => cacheTags.media(key)));
  // Rendered when the post was saved; else here, inside this cache entry, rather than by the page: every
  // render of the page until the post changes reuses this.
  const stored = row.body_html !== null && row.body_toc !== null ? { html: row.body_html, toc: row.body_toc } : await renderBody(row.content);
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: row.published_at ?? new Date(0),
    readingMinutes: readingMinutes(row.word_count),
    author: { name: row.author_name, slug: row.author_slug, bio: row.author_bio, website: row.author_website, avatarSrc: avatarSrc(row.author_avatar_key) },
    tags: row.tags,
    body: storedBodyHtml(stored.html),
    toc: stored.toc,
    featureImage: row.feature_image,
    featureImageAlt: row.feature_image_alt,
    featureImageCaption: row.feature_image_caption,
    updatedAt: row.updated_at,
    wordCount: row.word_count,
    seo: {
      metaTitle: row.meta_title,
      metaDescription: row.meta_description,
      canonicalUrl: row.canonical_url,
      socialTitle: row.social_title,
      socialDescription: row.social_description,
      socialImage: row.social_image,
    },
  };
}

/** Slugs of all published posts, newest first (static generation, sitemaps). */
export async function listPublishedSlugs(limit: number): Promise<string[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  const rows = await db.post.findMany({ where: publishedWhere, orderBy: { publishedAt: "desc" }, take: limit, select: { slug: true } });
  return rows.map((row) => row.slug);
}

// ---------------------------------------------------------------------------------------------
// Archives (tag and author pages): the same pages of summaries as the home page, narrowed down.

/** One page of published posts matching `where` (the home page: all of them), newest first, tagged with everything its cards show. */
async function listPublishedPage(where: Prisma.PostWhereInput, page: number): Promise<PostPage> {
  const filter = { AND: [publishedWhere, where] } satisfies Prisma.PostWhereInput;
  // The site setting; reading it here gives every list the site tag, so a new page size refreshes them.
  const perPage = await getPostsPerPage();
  const [rows, total] = await Promise.all([
    db.post.findMany({
      where: filter,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * perPage,
      take: perPage,
      select: summarySelect,
    }),
    db.post.count({ where: filter }),
  ]);
  // Cards show each post's author and tag names: renaming any of them must refresh this page too.
  const shown = new Set(rows.flatMap((row) => [cacheTags.author(row.author.slug), ...row.tags.map(({ tag }) => cacheTags.tag(tag.slug))]));
  if (shown.size > 0) cacheTag(...shown);
  return { posts: rows.map(toSummary), page, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Page `page` (from 1) of the published posts with this tag, newest first; empty for unknown tags. Readers only. */
export async function listPublishedPostsByTag(slug: string, page: number): Promise<PostPage> {
  "use cache";
  // Every post write names the tags it had and has, so unrelated publishing leaves tag pages cached.
  cacheTag(cacheTags.tag(slug));
  cacheLife("content");
  return listPublishedPage({ tags: { some: { tag: { slug } } } }, page);
}

/** Page `page` (from 1) of the published posts by this author, newest first; empty for unknown authors. Readers only. */
export async function listPublishedPostsByAuthor(slug: string, page: number): Promise<PostPage> {
  "use cache";
  cacheTag(cacheTags.author(slug));
  cacheLife("content");
  return listPublishedPage({ author: { slug } }, page);
}

// End of archives section.

// ---------------------------------------------------------------------------------------------
// Staff reads and writes: every function takes the actor and checks permissions itself.

/** A row of the admin post list. */
export interface AdminPostRow {
  id: string;
  title: string;
  slug: string;
  status: PostStatus;
  authorName: string;
  updatedAt: Date;
  publishedAt: Date | null;
  /** When a SCHEDULED post goes live. */
  scheduledAt: Date | null;
}

/** A post as the editor needs it. */
export interface EditablePost {
  id: string;
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string[];
  content: PostDoc;
  status: PostStatus;
  version: number;
  publishedAt: Date | null;
  updatedAt: Date;
  authorName: string;
  /** Once published, the slug no longer follows the title. */
  slugFrozen: boolean;
  canPublish: boolean;
  canDelete: boolean;
  /** Set and saved on its own (setFeatureImage), not with the body. */
  featureImage: FeatureImage | null;
}

/** A post's feature image: an uploaded file's /media path or an image URL, with its alt text and caption. */
export interface FeatureImage {
  src: string;
  alt: string;
  caption: string;
}

/** Posts the actor may see in the admin: everyone's for editors and up, their own otherwise. */
export async function listPostsForAdmin(actor: Actor): Promise<AdminPostRow[]> {
  assertCan(actor, "admin.access");
  const rows = await db.post.findMany({
    where: can(actor, "post.viewAll") ? {} : { authorId: actor.id },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, title: true, slug: true, status: true, updatedAt: true, publishedAt: true, scheduledAt: true, author: { select: { name: true } } },
  });
  return rows.map(({ author, ...row }) => ({ ...row, authorName: author.name }));
}

const editableSelect = {
  id: true,
  title: true,
  slug: true,
  customExcerpt: true,
  content: true,
  status: true,
  version: true,
  publishedAt: true,
  updatedAt: true,
  authorId: true,
  featureImage: true,
  featureImageAlt: true,
  featureImageCaption: true,
  author: { select: { name: true, slug: true } },
  tags: { select: { tag: { select: { name: true, slug: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.PostSelect;

type EditableRow = Prisma.PostGetPayload<{ select: typeof editableSelect }>;

function toEditable(actor: Actor, row: EditableRow): EditablePost {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    customExcerpt: row.customExcerpt ?? "",
    tags: row.tags.map(({ tag }) => tag.name),
    content: row.content as PostDoc,
    status: row.status,
    version: row.version,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    authorName: row.author.name,
    slugFrozen: row.publishedAt !== null,
    canPublish: can(actor, "post.publish", row),
    canDelete: can(actor, "post.delete", row),
    featureImage: row.featureImage ? { src: row.featureImage, alt: row.featureImageAlt, caption: row.featureImageCaption } : null,
  };
}

/** The post for the editor, or null when it does not exist or the actor may not edit it (no existence leak). */
export async function getEditablePost(actor: Actor, id: string): Promise<EditablePost | null> {
  const row = await db.post.findUnique({ where: { id }, select: editableSelect });
  if (!row || !can(actor, "post.edit", row)) return null;
  return toEditable(actor, row);
}

export type SaveIntent = "save" | "publish" | "unpublish";

export interface SaveResult {
  post: EditablePost;
  /** Cache tags of public pages this write changed; empty when readers could not see the post before or after. */
  publicTags: string[];
}

/**
 * The body renderer (Tiptap, Shiki, KaTeX), loaded when a body has to be rendered: by a save, or for a
 * page whose stored body is missing or from another renderer. Reader pages of stored posts, and the job
 * worker every server starts, never load it (lib/posts/stored-body.ts).
 */
async function renderBody(doc: unknown) {
  const { renderStoredBody } = await import("@/lib/posts/body-html");
  return renderStoredBody(doc);
}

function readContent(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    throw new DomainError("INVALID_DOCUMENT", "The post body could not be read.");
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function isRecordMissing(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** The stored version of a post that a save conflicted with, for the editor's side-by-side comparison. */
export interface ConflictingPost {
  version: number;
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string[];
  content: PostDoc;
  status: PostStatus;
  updatedAt: Date;
}

/** What the editor's save actions answer: a refused save for a conflict carries the stored version. */
export type SavePostResult = ActionResult<EditablePost> & { conflict?: ConflictingPost };

/**
 * A write refused because the post changed since the actor loaded it. `current` is the stored version,
 * given only to an actor who may edit (and so read) the post, so the editor can compare without another request.
 */
export class PostConflictError extends DomainError {
  readonly current: ConflictingPost | null;

  constructor(current: ConflictingPost | null) {
    super(
      "CONFLICT",
      current
        ? "This post was changed elsewhere since you opened it, so your save was not applied. Nothing is lost: compare your version with the other one and choose what to keep."
        : "This post was changed or deleted elsewhere since you opened it, so this was not applied. Your text is still in the editor: copy it before reloading.",
    );
    this.current = current;
  }
}

const conflict = (current: ConflictingPost | null = null) => new PostConflictError(current);

/** The stored version of a post for a conflict, or null when it is gone or the actor may not edit it. */
async function conflictingVersion(actor: Actor, id: string): Promise<ConflictingPost | null> {
  const row = await db.post.findUnique({ where: { id }, select: editableSelect });
  if (!row || !can(actor, "post.edit", row)) return null;
  return {
    version: row.version,
    title: row.title,
    slug: row.slug,
    customExcerpt: row.customExcerpt ?? "",
    tags: row.tags.map(({ tag }) => tag.name),
    content: row.content as PostDoc,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

/** Creates an empty draft owned by the actor, for the editor to open. Throws DomainError("FORBIDDEN"). */
export async function createDraft(actor: Actor): Promise<{ id: string }> {
  assertCan(actor, "post.create");
  const taken = async (slug: string) => (await db.post.findUnique({ where: { slug }, select: { id: true } })) !== null;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.post.create({
        data: { title: "", slug: await uniqueSlug("untitled", taken), content: emptyDoc() as Prisma.InputJsonValue, authorId: actor.id },
        select: { id: true },
      });
    } catch (error) {
      // Two drafts created at once can pick the same free slug; the loser tries the next one.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * Settings a restore writes along with the text (lib/posts/restore.ts has checked them); the slug and tags
 * travel in the input as an editor's save sends them. `publishedAt` moves the date of a post that has one.
 */
export interface RestoredSettings extends PublicPostSeo {
  featureImage: string | null;
  featureImageAlt: string;
  featureImageCaption: string;
  publishedAt?: Date;
}

/**
 * Creates (no id) or updates a post from the editor, optionally publishing or unpublishing it in the same
 * write. The save must carry the version it was based on. Derived fields (excerpt, plaintext, word count,
 * publishedAt, a derived slug) are computed here. Throws DomainError("FORBIDDEN" | "NOT_FOUND" | "CONFLICT"
 * | "INVALID_STATE" | "INVALID_DOCUMENT" | "SLUG_TAKEN" | "INVALID_INPUT").
 */
export async function savePost(
  actor: Actor,
  input: SavePostInput,
  intent: SaveIntent,
  options: { revisionKind?: RevisionKind; settings?: RestoredSettings } = {},
): Promise<SaveResult> {
  // The editor's schema (Tiptap, ProseMirror) is built when first needed, by a save: not by reader pages.
  const { deriveExcerpt, parsePostDoc } = await import("@/lib/editor/doc");
  const body = parsePostDoc(readContent(input.content));
  const title = input.title;
  if (intent === "publish" && title === "") {
    throw new DomainError("INVALID_INPUT", "Give the post a title before publishing it.");
  }
  const existing = input.id
    ? await db.post.findUnique({
        where: { id: input.id },
        select: { id: true, authorId: true, status: true, slug: true, publishedAt: true, version: true, author: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
      })
    : null;

  if (input.id && (!existing || !can(actor, "post.edit", existing))) {
    throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  }
  if (!existing) assertCan(actor, "post.create");
  const resource = existing ?? { authorId: actor.id, status: "DRAFT" as const };
  if (intent === "publish") assertCan(actor, "post.publish", resource);
  if (intent === "unpublish") {
    assertCan(actor, "post.unpublish", resource);
    if (resource.status !== "PUBLISHED") throw new DomainError("INVALID_STATE", "Only a published post can be unpublished.");
  }
  if (existing && existing.version !== input.version) throw conflict(await conflictingVersion(actor, existing.id));

  const status: PostStatus = intent === "publish" ? "PUBLISHED" : intent === "unpublish" ? "DRAFT" : (existing?.status ?? "DRAFT");
  const { publishedAt: restoredDate, ...restoredSettings } = options.settings ?? {};
  // Only a date the post already has can move; the first one is set by publishing.
  const publishedAt = (existing?.publishedAt && restoredDate) || (existing?.publishedAt ?? (status === "PUBLISHED" ? new Date() : null));
  const customExcerpt = input.customExcerpt || null;
  // Readers' HTML, rendered now rather than on a reader's first visit; drafts are left to their preview.
  const rendered = status === "PUBLISHED" || status === "SCHEDULED" ? await renderBody(body.doc) : null;
  const fields = {
    title,
    customExcerpt,
    excerpt: deriveExcerpt(customExcerpt, body.summary),
    content: body.doc as Prisma.InputJsonValue,
    bodyHtml: rendered?.html ?? null,
    bodyToc: rendered ? (rendered.toc as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    bodyHtmlRenderer: rendered ? BODY_RENDERER : null,
    plaintext: body.plaintext,
    wordCount: body.wordCount,
    ...restoredSettings,
    status,
    publishedAt,
    // Publishing now or unpublishing ends a schedule; a plain save keeps it.
    ...(intent === "save" ? {} : { scheduledAt: null }),
  };

  let saved: EditableRow | undefined;
  // A derived slug can be taken by a concurrent save between choosing and writing it; then choose again.
  for (let attempt = 1; !saved; attempt++) {
    const data = { ...fields, slug: await chooseSlug(input.slug, title, existing) };
    try {
      saved = await db.$transaction(async (tx) => {
        const tags = await resolveTagsForWrite(tx, actor, input.tags);
        const links = tags.map((tag, position) => ({ tagId: tag.id, position }));
        const written = existing
          ? // The version in the WHERE makes the check and the write one atomic step.
            await tx.post.update({
              where: { id: existing.id, version: input.version },
              data: { ...data, version: { increment: 1 }, tags: { deleteMany: {}, create: links } },
              select: editableSelect,
            })
          : await tx.post.create({ data: { ...data, authorId: actor.id, tags: { create: links } }, select: editableSelect });
        await recordSlugChange(tx, {
          postId: written.id,
          oldSlug: existing?.slug ?? null,
          newSlug: written.slug,
          wasPublic: existing?.publishedAt != null,
          isPublic: written.status === "PUBLISHED",
        });
        if (written.status === "PUBLISHED") await recordSearchTerms(tx, written.id);
        await recordRevision(tx, {
          postId: written.id,
          authorId: actor.id,
          kind: intent === "publish" ? "PUBLISH" : intent === "unpublish" ? "UNPUBLISH" : (options.revisionKind ?? "SAVE"),
          title: written.title,
          customExcerpt: written.customExcerpt,
          content: written.content as Prisma.InputJsonValue,
          status: written.status,
          postVersion: written.version,
        });
        return written;
      });
    } catch (error) {
      if (isRecordMissing(error)) throw conflict(existing ? await conflictingVersion(actor, existing.id) : null);
      if (!isUniqueViolation(error)) throw error;
      if (input.slug || attempt >= 3) throw new DomainError("SLUG_TAKEN", "Another post already uses that slug.");
    }
  }

  const wasPublic = existing?.status === "PUBLISHED";
  const isPublic = saved.status === "PUBLISHED";
  if (wasPublic || isPublic) forgetRetiredSlugs();
  const publicTags =
    wasPublic || isPublic
      ? unique([
          cacheTags.postList,
          cacheTags.post(saved.slug),
          ...(existing ? [cacheTags.post(existing.slug), cacheTags.author(existing.author.slug)] : []),
          cacheTags.author(saved.author.slug),
          ...saved.tags.map(({ tag }) => cacheTags.tag(tag.slug)),
          ...(existing?.tags ?? []).map(({ tag }) => cacheTags.tag(tag.slug)),
          // Appearing or disappearing changes the previous/next links of the posts on either side.
          ...(wasPublic !== isPublic && saved.publishedAt ? await neighbourTags(saved.id, saved.publishedAt) : []),
          // So does a date moved by a restore, at the old place and the new one.
          ...(wasPublic && isPublic && existing?.publishedAt && saved.publishedAt && existing.publishedAt.getTime() !== saved.publishedAt.getTime()
            ? [...(await neighbourTags(saved.id, existing.publishedAt)), ...(await neighbourTags(saved.id, saved.publishedAt))]
            : []),
        ])
      : [];
  return { post: toEditable(actor, saved), publicTags };
}

/** Cache tags of the published posts just before and after this position in publish order (excluding the post). */
export async function neighbourTags(id: string, at: Date): Promise<string[]> {
  const others = { status: "PUBLISHED", id: { not: id } } satisfies Prisma.PostWhereInput;
  const [before, after] = await Promise.all([
    db.post.findFirst({
      where: { ...others, publishedAt: { lte: at }, OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: id } }] },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      select: { slug: true },
    }),
    db.post.findFirst({
      where: { ...others, publishedAt: { gte: at }, OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: id } }] },
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      select: { slug: true },
    }),
  ]);
  return [before, after].flatMap((row) => (row ? [cacheTags.post(row.slug)] : []));
}

/**
 * Picks the slug for a write: an explicit slug must be free; an empty one follows the title until the
 * post is first published, then stays.
 */
async function chooseSlug(requested: string, title: string, existing: { id: string; slug: string; publishedAt: Date | null } | null): Promise<string> {
  const takenByOther = async (slug: string) => {
    const owner = await db.post.findUnique({ where: { slug }, select: { id: true } });
    return owner !== null && owner.id !== existing?.id;
  };
  if (requested) {
    if (requested !== existing?.slug && (await takenByOther(requested))) {
      throw new DomainError("SLUG_TAKEN", "Another post already uses that slug.");
    }
    return requested;
  }
  if (existing?.publishedAt) return existing.slug;
  return uniqueSlug(slugify(title) || "untitled", takenByOther);
}

/** Deletes a post at the version the actor saw. Throws DomainError("NOT_FOUND" | "FORBIDDEN" | "CONFLICT"). */
export async function deletePost(actor: Actor, input: DeletePostInput): Promise<{ publicTags: string[] }> {
  const post = await db.post.findUnique({
    where: { id: input.id },
    select: { id: true, authorId: true, status: true, slug: true, version: true, publishedAt: true, author: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
  });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  assertCan(actor, "post.delete", post);
  if (post.version !== input.version) throw conflict();
  try {
    await db.$transaction(async (tx) => {
      await recordDeletedSlug(tx, { slug: post.slug, wasPublic: post.publishedAt !== null });
      await tx.post.delete({ where: { id: post.id, version: input.version } });
    });
  } catch (error) {
    if (isRecordMissing(error)) throw conflict();
    throw error;
  }
  if (post.publishedAt !== null) forgetRetiredSlugs();
  return {
    publicTags:
      post.status === "PUBLISHED"
        ? unique([
            cacheTags.postList,
            cacheTags.post(post.slug),
            cacheTags.author(post.author.slug),
            ...post.tags.map(({ tag }) => cacheTags.tag(tag.slug)),
            ...(post.publishedAt ? await neighbourTags(post.id, post.publishedAt) : []),
          ])
        : [],
  };
}

/**
 * Sets or clears (src "") a post's feature image, its alt text and caption. Saved apart from the body and
 * without the post's version: it touches nothing the editor's text holds, so neither save can undo the
 * other. Recorded as a revision (a settings change always starts one). Whoever may edit the post may call
 * it. Throws DomainError("NOT_FOUND" | "INVALID_INPUT").
 */
export async function setFeatureImage(actor: Actor, input: SetFeatureImageInput): Promise<{ featureImage: FeatureImage | null; publicTags: string[] }> {
  const post = await db.post.findUnique({ where: { id: input.postId }, select: { id: true, authorId: true, status: true, slug: true } });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  const src = input.src === "" ? null : safeImageSrc(input.src);
  if (input.src !== "" && !src) throw new DomainError("INVALID_INPUT", "Use an uploaded image, an http(s) image URL or a path on this site.");
  const featureImage = src ? { src, alt: input.alt, caption: input.caption } : null;
  await db.$transaction(async (tx) => {
    const row = await tx.post.update({
      where: { id: post.id },
      data: { featureImage: src, featureImageAlt: featureImage?.alt ?? "", featureImageCaption: featureImage?.caption ?? "" },
      select: revisionTextSelect,
    });
    await recordRevision(tx, revisionOfSettingsSave(actor, post.id, row));
  });
  return { featureImage, publicTags: post.status === "PUBLISHED" ? [cacheTags.post(post.slug)] : [] };
}

/** What a revision of a settings-only write copies from the post: its text is unchanged. */
export const revisionTextSelect = { title: true, customExcerpt: true, content: true, status: true, version: true } satisfies Prisma.PostSelect;

/** The revision of a write that changed only settings (feature image, search and social fields, date). */
export function revisionOfSettingsSave(actor: Actor, postId: string, row: Prisma.PostGetPayload<{ select: typeof revisionTextSelect }>) {
  return {
    postId,
    authorId: actor.id,
    kind: "SAVE" as const,
    title: row.title,
    customExcerpt: row.customExcerpt,
    content: row.content as Prisma.InputJsonValue,
    status: row.status,
    postVersion: row.version,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// Feeds and sitemaps: reader reads, published posts only.

/** A published post with what a feed entry carries: the body and the time of its last change. */
export interface FeedPost extends PostSummary {
  content: PostDoc;
  updatedAt: Date;
}

/** A public URL's key and the time its page last changed, for sitemaps. */
export interface SitemapRecord {
  slug: string;
  lastModified: Date;
}

function feedScopeWhere(scope: FeedScope): Prisma.PostWhereInput {
  if (scope.kind === "tag") return { ...publishedWhere, tags: { some: { tag: { slug: scope.slug } } } };
  if (scope.kind === "author") return { ...publishedWhere, author: { slug: scope.slug } };
  return publishedWhere;
}

/** The newest `limit` published posts of the site, a tag or an author, newest first, with their bodies. Readers only. */
export async function listPublishedPostsForFeed(scope: FeedScope, limit: number): Promise<FeedPost[]> {
  "use cache";
  cacheTag(scope.kind === "site" ? cacheTags.postList : scope.kind === "tag" ? cacheTags.tag(scope.slug) : cacheTags.author(scope.slug));
  cacheLife("content");
  const rows = await db.post.findMany({
    where: feedScopeWhere(scope),
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { ...summarySelect, content: true, updatedAt: true },
  });
  // Entries show author and tag names, which change without a post write.
  const shown = unique(rows.flatMap((row) => [cacheTags.author(row.author.slug), ...row.tags.map(({ tag }) => cacheTags.tag(tag.slug))]));
  if (shown.length > 0) cacheTag(...shown);
  return rows.map((row) => ({ ...toSummary(row), content: row.content as PostDoc, updatedAt: row.updatedAt }));
}

/** Slug and last change of every published post, newest first (sitemaps). */
export async function listPublishedPostsForSitemap(): Promise<SitemapRecord[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  const rows = await db.post.findMany({
    where: publishedWhere,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { slug: true, updatedAt: true },
  });
  return rows.map((row) => ({ slug: row.slug, lastModified: row.updatedAt }));
}

/** Every tag with published posts, by slug, with its newest published post's last change (sitemaps). */
export async function listTagsForSitemap(): Promise<SitemapRecord[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  return db.$queryRaw<SitemapRecord[]>`
    SELECT t.slug, max(p.updated_at) AS "lastModified"
    FROM tags t
    JOIN post_tags pt ON pt.tag_id = t.id
    JOIN posts p ON p.id = pt.post_id
    WHERE p.status = 'PUBLISHED'
    GROUP BY t.slug
    ORDER BY t.slug`;
}

/** Every author with published posts, by slug, with their newest published post's last change (sitemaps). */
export async function listAuthorsForSitemap(): Promise<SitemapRecord[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  return db.$queryRaw<SitemapRecord[]>`
    SELECT u.slug, max(p.updated_at) AS "lastModified"
    FROM users u
    JOIN posts p ON p.author_id = u.id
    WHERE p.status = 'PUBLISHED'
    GROUP BY u.slug
    ORDER BY u.slug`;
}
