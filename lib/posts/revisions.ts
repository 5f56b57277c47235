import "server-only";
import { db } from "@/lib/db";
import { docToPlaintext, nodeFromStoredDoc } from "@/lib/editor/doc";
import { withTaskMarkers } from "@/lib/editor/nodes/task-list";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RevisionKind } from "@/lib/generated/prisma/enums";
import { can, type Actor } from "@/lib/permissions";
import type { PostStatus } from "@/lib/posts";
import { diffRevisionText, type RevisionDiff } from "@/lib/posts/revision-diff";

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

/**
 * Records a post write as a revision inside the write's transaction `tx`, so a revision exists exactly
 * when the write committed. A SAVE by the author of the newest revision, itself a SAVE begun less than
 * COALESCE_WINDOW_MS ago, updates that revision (typing makes one revision per stretch, not one per
 * autosave); every other write adds one. Then keeps the newest REVISION_LIMIT. The caller has already
 * checked permissions and holds the post's row lock (its update), so writes of one post run one at a time.
 */
export async function recordRevision(tx: Prisma.TransactionClient, write: RevisionWrite): Promise<{ id: string; coalesced: boolean }> {
  const now = write.now ?? new Date();
  const fields = {
    title: write.title,
    customExcerpt: write.customExcerpt,
    content: write.content,
    status: write.status,
    postVersion: write.postVersion,
    updatedAt: now,
  };
  if (write.kind === "SAVE" && write.authorId) {
    const newest = await tx.postRevision.findFirst({
      where: { postId: write.postId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, authorId: true, createdAt: true },
    });
    if (newest && newest.kind === "SAVE" && newest.authorId === write.authorId && now.getTime() - newest.createdAt.getTime() < COALESCE_WINDOW_MS) {
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
      select: { id: true, kind: true, title: true, createdAt: true, updatedAt: true, status: true, author: { select: { name: true } } },
    }),
    liveRevisionId(db, postId, post.status),
  ]);
  return rows.map(({ author, ...row }) => ({ ...row, authorName: author?.name ?? null, live: row.id === live }));
}

/** A revision's title, excerpt and body as text, for comparing and restoring. */
export interface RevisionSnapshot {
  id: string;
  title: string;
  customExcerpt: string;
  text: string;
}

/** The stored revision with its body, or null when it is not one of this post's. */
export async function getRevisionForRestore(postId: string, revisionId: string) {
  return db.postRevision.findFirst({ where: { id: revisionId, postId }, select: { id: true, title: true, customExcerpt: true, content: true } });
}

function snapshotOf(row: { id: string; title: string; customExcerpt: string | null; content: unknown }): RevisionSnapshot {
  let text: string;
  try {
    text = docToPlaintext(withTaskMarkers(nodeFromStoredDoc(row.content)));
  } catch {
    text = "";
  }
  return { id: row.id, title: row.title, customExcerpt: row.customExcerpt ?? "", text };
}

/**
 * Two revisions of a post and the differences from `fromId` to `toId` (title, excerpt, body as text), for
 * whoever may edit the post. Throws DomainError("NOT_FOUND").
 */
export async function compareRevisions(actor: Actor, postId: string, fromId: string, toId: string): Promise<{ from: RevisionSnapshot; to: RevisionSnapshot; diff: RevisionDiff }> {
  await editablePost(actor, postId);
  const rows = await db.postRevision.findMany({
    where: { postId, id: { in: [fromId, toId] } },
    select: { id: true, title: true, customExcerpt: true, content: true },
  });
  const fromRow = rows.find((row) => row.id === fromId);
  const toRow = rows.find((row) => row.id === toId);
  if (!fromRow || !toRow) throw new DomainError("NOT_FOUND", "That revision no longer exists.");
  const from = snapshotOf(fromRow);
  const to = snapshotOf(toRow);
  return { from, to, diff: diffRevisionText(from, to) };
}

/** The history panel's contents: the revisions and the post's current version, which a restore is based on. Throws as listRevisions. */
export async function getRevisionHistory(actor: Actor, postId: string): Promise<{ version: number; revisions: RevisionSummary[] }> {
  const [{ version }, revisions] = await Promise.all([editablePost(actor, postId), listRevisions(actor, postId)]);
  return { version, revisions };
}
