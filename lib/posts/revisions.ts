import "server-only";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RevisionKind } from "@/lib/generated/prisma/enums";
import { can, type Actor } from "@/lib/permissions";
import type { PostStatus } from "@/lib/posts";
import { diffRevisionSettings, diffRevisionText, type RevisionDiff } from "@/lib/posts/revision-diff";
import { getSiteTimezone } from "@/lib/site";
import { readRevisionSettings, type RevisionSettingsState, type StoredRevisionSettings } from "@/lib/validations/revision-settings";

export type { RevisionKind };

/** Revisions kept per post; older ones go, except the one that made the post live (see pruneRevisions). */
export const REVISION_LIMIT = 50;
/** Saves by the same person within this long of their revision's first save update it instead of adding one. */
export const COALESCE_WINDOW_MS = 10 * 60 * 1000;

/** What a write leaves behind, recorded in the same transaction as the write. */
export interface RevisionWrite {
  postId: string;
  /** Null for writes nobody made by hand (a scheduled publish). */
  authorId: string | null;
  kind: RevisionKind;
  title: string;
  customExcerpt: string | null;
  content: Prisma.InputJsonValue;
  /** The post's status and version after the write. */
  status: PostStatus;
  postVersion: number;
  now?: Date;
}

const settingsSelect = {
  slug: true,
  featureImage: true,
  featureImageAlt: true,
  featureImageCaption: true,
  metaTitle: true,
  metaDescription: true,
  canonicalUrl: true,
  socialTitle: true,
  socialDescription: true,
  socialImage: true,
  publishedAt: true,
  tags: { select: { tag: { select: { id: true, name: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.PostSelect;

/** The post's settings as stored now, read inside the write's transaction so they are the ones it left. */
async function currentSettings(tx: Prisma.TransactionClient, postId: string): Promise<StoredRevisionSettings> {
  const row = await tx.post.findUniqueOrThrow({ where: { id: postId }, select: settingsSelect });
  return { ...row, tags: row.tags.map(({ tag }) => tag), publishedAt: row.publishedAt?.toISOString() ?? null };
}

/** Whether two recorded settings are the same; tags by id and order (a rename in tag management is not the post's change). */
function sameSettings(a: StoredRevisionSettings, b: StoredRevisionSettings): boolean {
  const key = (settings: StoredRevisionSettings) => {
    const normalised: Record<string, unknown> = { ...settings, tags: settings.tags.map((tag) => tag.id), publishedAt: settings.publishedAt && Date.parse(settings.publishedAt) };
    // Sorted: JSONB keeps keys in its own order, not the order they were written in.
    return JSON.stringify(Object.keys(normalised).sort().map((name) => [name, normalised[name]]));
  };
  return key(a) === key(b);
}

/**
 * Records a post write as a revision inside the write's transaction `tx`, so a revision exists exactly
 * when the write committed; the post's settings (slug, tags, feature image, search and social fields,
 * publish date) are read from the post as the write left it. A SAVE by the author of the newest revision,
 * itself a SAVE begun less than COALESCE_WINDOW_MS ago with the same settings, updates that revision
 * (typing makes one revision per stretch, not one per save); a save that changes a setting, even alone,
 * and every other write add one, so each settings change can be compared and undone. Then keeps the
 * newest REVISION_LIMIT. The caller has already checked permissions and holds the post's row lock (its
 * update), so writes of one post run one at a time.
 */
export async function recordRevision(tx: Prisma.TransactionClient, write: RevisionWrite): Promise<{ id: string; coalesced: boolean }> {
  const now = write.now ?? new Date();
  const settings = await currentSettings(tx, write.postId);
  const fields = {
    title: write.title,
    customExcerpt: write.customExcerpt,
    content: write.content,
    settings,
    status: write.status,
    postVersion: write.postVersion,
    updatedAt: now,
  };
  if (write.kind === "SAVE" && write.authorId) {
    const newest = await tx.postRevision.findFirst({
      where: { postId: write.postId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, authorId: true, createdAt: true, settings: true },
    });
    // Revisions from before settings were recorded (or damaged ones) never absorb a save: their "not recorded" stays true.
    const newestSettings = newest ? readRevisionSettings(newest.settings) : null;
    if (
      newest &&
      newest.kind === "SAVE" &&
      newest.authorId === write.authorId &&
      now.getTime() - newest.createdAt.getTime() < COALESCE_WINDOW_MS &&
      newestSettings?.state === "recorded" &&
      sameSettings(newestSettings.settings, settings)
    ) {
      await tx.postRevision.update({ where: { id: newest.id }, data: fields });
      return { id: newest.id, coalesced: true };
    }
  }
  const created = await tx.postRevision.create({
    data: { ...fields, postId: write.postId, authorId: write.authorId, kind: write.kind, createdAt: now },
    select: { id: true },
  });
  await pruneRevisions(tx, write.postId, write.status);
  return { id: created.id, coalesced: false };
}

/**
 * The revision that made a post live: the newest PUBLISH revision while the post is published, else none.
 * Pruning never removes it, so the history can always show what readers were first given.
 */
async function liveRevisionId(tx: Prisma.TransactionClient | typeof db, postId: string, status: PostStatus): Promise<string | null> {
  if (status !== "PUBLISHED") return null;
  const row = await tx.postRevision.findFirst({ where: { postId, kind: "PUBLISH" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return row?.id ?? null;
}

async function pruneRevisions(tx: Prisma.TransactionClient, postId: string, status: PostStatus): Promise<void> {
  const rows = await tx.postRevision.findMany({ where: { postId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  if (rows.length <= REVISION_LIMIT) return;
  const kept = rows.slice(0, REVISION_LIMIT).map((row) => row.id);
  const live = await liveRevisionId(tx, postId, status);
  // The live revision takes the place of the oldest one kept, so the bound holds.
  if (live && !kept.includes(live)) kept[kept.length - 1] = live;
  await tx.postRevision.deleteMany({ where: { postId, id: { notIn: kept } } });
}

/** A revision as the history panel lists it. */
export interface RevisionSummary {
  id: string;
  kind: RevisionKind;
  title: string;
  authorName: string | null;
  /** First and last save folded into it. */
  createdAt: Date;
  updatedAt: Date;
  status: PostStatus;
  /** The revision that made the post live (never pruned). */
  live: boolean;
  /** Labels of the settings changed since the revision before it ("Tags", "Meta description"); empty when none or not recorded. */
  settingsChanged: string[];
}

/** The labels of the settings that differ between two revisions, tags first; none when either did not record them. */
function changedSettingLabels(older: unknown, newer: unknown): string[] {
  const diff = diffRevisionSettings(readRevisionSettings(older), readRevisionSettings(newer), (iso) => iso);
  if (!diff.recorded) return [];
  return [...(diff.tagsAdded.length > 0 || diff.tagsRemoved.length > 0 ? ["Tags"] : []), ...diff.changes.map((change) => change.label)];
}

async function editablePost(actor: Actor, postId: string) {
  const post = await db.post.findUnique({ where: { id: postId }, select: { id: true, authorId: true, status: true, version: true } });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  return post;
}

/** A post's revisions, newest first, for whoever may edit the post. Throws DomainError("NOT_FOUND"). */
export async function listRevisions(actor: Actor, postId: string): Promise<RevisionSummary[]> {
  const post = await editablePost(actor, postId);
  const [rows, live] = await Promise.all([
    db.postRevision.findMany({
      where: { postId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, title: true, createdAt: true, updatedAt: true, status: true, settings: true, author: { select: { name: true } } },
    }),
    liveRevisionId(db, postId, post.status),
  ]);
  return rows.map(({ author, settings, ...row }, index) => ({
    ...row,
    authorName: author?.name ?? null,
    live: row.id === live,
    settingsChanged: index + 1 < rows.length ? changedSettingLabels(rows[index + 1]!.settings, settings) : [],
  }));
}

/** A revision's title, excerpt and body as text, and its settings, for comparing and restoring. */
export interface RevisionSnapshot {
  id: string;
  title: string;
  customExcerpt: string;
  text: string;
  settings: RevisionSettingsState;
}

/** The stored revision with its body and its settings (validated), or null when it is not one of this post's. */
export async function getRevisionForRestore(postId: string, revisionId: string) {
  const row = await db.postRevision.findFirst({ where: { id: revisionId, postId }, select: { id: true, title: true, customExcerpt: true, content: true, settings: true } });
  return row ? { ...row, settings: readRevisionSettings(row.settings) } : null;
}

/** Reads a stored document's text, task markers included; throws when it is not a valid document. */
type DocumentText = (content: unknown) => string;

/**
 * The text reader, with the editor's schema (Tiptap, ProseMirror), loaded when revisions are compared:
 * saves import this module to record revisions, and so does the job worker every server starts.
 */
async function documentText(): Promise<DocumentText> {
  const [{ docToPlaintext, nodeFromStoredDoc }, { withTaskMarkers }] = await Promise.all([import("@/lib/editor/doc"), import("@/lib/editor/nodes/task-list")]);
  return (content) => docToPlaintext(withTaskMarkers(nodeFromStoredDoc(content)));
}

function snapshotOf(row: { id: string; title: string; customExcerpt: string | null; content: unknown; settings: unknown }, textOf: DocumentText): RevisionSnapshot {
  let text: string;
  try {
    text = textOf(row.content);
  } catch {
    text = "";
  }
  return { id: row.id, title: row.title, customExcerpt: row.customExcerpt ?? "", text, settings: readRevisionSettings(row.settings) };
}

/** A formatter of stored (ISO) dates as the site's clock shows them: "6 Dec 2026, 09:30 (Europe/Berlin)". */
export function formatSiteDate(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (iso) => `${format.format(new Date(iso))} (${timeZone})`;
}

/**
 * Two revisions of a post and the differences from `fromId` to `toId` (title, excerpt, body as text, and
 * settings where both recorded them), for whoever may edit the post. Throws DomainError("NOT_FOUND").
 */
export async function compareRevisions(actor: Actor, postId: string, fromId: string, toId: string): Promise<{ from: RevisionSnapshot; to: RevisionSnapshot; diff: RevisionDiff }> {
  await editablePost(actor, postId);
  const rows = await db.postRevision.findMany({
    where: { postId, id: { in: [fromId, toId] } },
    select: { id: true, title: true, customExcerpt: true, content: true, settings: true },
  });
  const fromRow = rows.find((row) => row.id === fromId);
  const toRow = rows.find((row) => row.id === toId);
  if (!fromRow || !toRow) throw new DomainError("NOT_FOUND", "That revision no longer exists.");
  const textOf = await documentText();
  const from = snapshotOf(fromRow, textOf);
  const to = snapshotOf(toRow, textOf);
  const settings = diffRevisionSettings(from.settings, to.settings, formatSiteDate(await getSiteTimezone()));
  return { from, to, diff: diffRevisionText(from, to, settings) };
}

/** The history panel's contents: the revisions and the post's current version, which a restore is based on. Throws as listRevisions. */
export async function getRevisionHistory(actor: Actor, postId: string): Promise<{ version: number; revisions: RevisionSummary[] }> {
  const [{ version }, revisions] = await Promise.all([editablePost(actor, postId), listRevisions(actor, postId)]);
  return { version, revisions };
}
