import "server-only";
import { BODY_RENDERER } from "@/lib/posts/stored-body";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sendPublishJob, type SqlExecutor } from "@/lib/jobs/queue";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { neighbourTags, type PostStatus } from "@/lib/posts";
import { recordRevision } from "@/lib/posts/revisions";
import { recordSearchTerms } from "@/lib/search-terms";
import { getSiteTimezone } from "@/lib/site";
import { forgetRetiredSlugs, recordSlugChange } from "@/lib/slug-history";

/** The time zone schedules are chosen and shown in: the site's (settings, else SITE_TIMEZONE, else UTC). */
export async function scheduleTimeZone(): Promise<string> {
  return getSiteTimezone();
}

/** A post's publishing schedule as the editor shows it. */
export interface PostSchedule {
  status: PostStatus;
  scheduledAt: Date | null;
}

/** pg-boss's statements run on a Prisma transaction: its parameters as node-postgres would send them. */
export function transactionExecutor(tx: Prisma.TransactionClient): SqlExecutor {
  return {
    async executeSql(text, values) {
      const params = values.map((value) => (value === undefined ? null : typeof value === "object" && value !== null && !(value instanceof Date) ? JSON.stringify(value) : value));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}

const scheduleSelect = { id: true, authorId: true, status: true, title: true, customExcerpt: true, content: true, version: true } satisfies Prisma.PostSelect;

async function postToSchedule(actor: Actor, postId: string) {
  const post = await db.post.findUnique({ where: { id: postId }, select: scheduleSelect });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  assertCan(actor, "post.publish", post);
  return post;
}

/** The post's status and scheduled time, for whoever may edit it; null when they may not (or it is gone). */
export async function getPostSchedule(actor: Actor, postId: string): Promise<PostSchedule | null> {
  const post = await db.post.findUnique({ where: { id: postId }, select: { authorId: true, status: true, scheduledAt: true } });
  if (!post || !can(actor, "post.edit", post)) return null;
  return { status: post.status, scheduledAt: post.scheduledAt };
}

/**
 * Schedules a draft (or reschedules a scheduled post) to be published at `at`, which must be in the
 * future; the post as saved then goes live. Who may publish the post may schedule it. The job is queued
 * in the same transaction. The post's version stays: the editor's text is untouched. Throws
 * DomainError("NOT_FOUND" | "FORBIDDEN" | "INVALID_STATE" | "INVALID_INPUT").
 */
export async function schedulePost(actor: Actor, postId: string, at: Date, now = new Date()): Promise<PostSchedule> {
  const post = await postToSchedule(actor, postId);
  if (post.status === "PUBLISHED") throw new DomainError("INVALID_STATE", "This post is already published.");
  if (post.title.trim() === "") throw new DomainError("INVALID_INPUT", "Give the post a title before scheduling it.");
  if (at.getTime() <= now.getTime()) throw new DomainError("INVALID_INPUT", "Choose a time in the future.");
  // Readers' HTML, ready when the post goes live; the renderer loads with the first schedule, not with the
  // job worker that imports this module at every start (lib/posts/stored-body.ts).
  const { renderStoredBody } = await import("@/lib/posts/body-html");
  const body = await renderStoredBody(post.content);
  return db.$transaction(async (tx) => {
    // Published in the meantime: refuse rather than take it off the site.
    const { count } = await tx.post.updateMany({ where: { id: post.id, status: { in: ["DRAFT", "SCHEDULED"] } }, data: { status: "SCHEDULED", scheduledAt: at } });
    if (count === 0) throw new DomainError("INVALID_STATE", "This post was published in the meantime.");
    // Only for the text it was rendered from: a save since then stored its own.
    await tx.post.updateMany({ where: { id: post.id, version: post.version }, data: { bodyHtml: body.html, bodyToc: body.toc as unknown as Prisma.InputJsonValue, bodyHtmlRenderer: BODY_RENDERER } });
    const row = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { title: true, customExcerpt: true, content: true, version: true } });
    await recordRevision(tx, { postId: post.id, authorId: actor.id, kind: "SCHEDULE", title: row.title, customExcerpt: row.customExcerpt, content: row.content as Prisma.InputJsonValue, status: "SCHEDULED", postVersion: row.version, now });
    await sendPublishJob(transactionExecutor(tx), post.id, at);
    return { status: "SCHEDULED" as const, scheduledAt: at };
  });
}

/** Takes a scheduled post back to a draft; its queued job then finds nothing to do. Throws as schedulePost. */
export async function unschedulePost(actor: Actor, postId: string): Promise<PostSchedule> {
  const post = await postToSchedule(actor, postId);
  if (post.status !== "SCHEDULED") throw new DomainError("INVALID_STATE", "This post is not scheduled.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.post.updateMany({ where: { id: post.id, status: "SCHEDULED" }, data: { status: "DRAFT", scheduledAt: null } });
    if (count === 0) throw new DomainError("INVALID_STATE", "This post is no longer scheduled.");
    const row = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { title: true, customExcerpt: true, content: true, version: true } });
    await recordRevision(tx, { postId: post.id, authorId: actor.id, kind: "UNSCHEDULE", title: row.title, customExcerpt: row.customExcerpt, content: row.content as Prisma.InputJsonValue, status: "DRAFT", postVersion: row.version });
    return { status: "DRAFT" as const, scheduledAt: null };
  });
}

/**
 * Publishes the post if it is still scheduled for exactly `at` (a job for an older schedule, or for a post
 * published, unscheduled or deleted since, does nothing). For the job queue only: no actor, the schedule
 * was authorised when it was made. The conditional update makes it happen once however many workers run
 * the same job. Returns the public cache tags to expire, or null when nothing was published.
 */
export async function publishScheduledPost(postId: string, at: Date): Promise<{ slug: string; title: string; publicTags: string[] } | null> {
  const published = await db.$transaction(async (tx) => {
    const { count } = await tx.post.updateMany({
      where: { id: postId, status: "SCHEDULED", scheduledAt: at },
      data: { status: "PUBLISHED", scheduledAt: null },
    });
    if (count === 0) return null;
    const row = await tx.post.findUniqueOrThrow({
      where: { id: postId },
      select: { id: true, slug: true, title: true, customExcerpt: true, content: true, version: true, publishedAt: true, author: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
    });
    // The post goes live at the time it was scheduled for, unless it had been live before.
    const publishedAt = row.publishedAt ?? at;
    if (!row.publishedAt) await tx.post.update({ where: { id: postId }, data: { publishedAt } });
    await recordSlugChange(tx, { postId, oldSlug: row.slug, newSlug: row.slug, wasPublic: row.publishedAt !== null, isPublic: true });
    await recordSearchTerms(tx, postId);
    await recordRevision(tx, { postId, authorId: null, kind: "PUBLISH", title: row.title, customExcerpt: row.customExcerpt, content: row.content as Prisma.InputJsonValue, status: "PUBLISHED", postVersion: row.version });
    return { ...row, publishedAt };
  });
  if (!published) return null;
  forgetRetiredSlugs();
  const publicTags = [
    cacheTags.postList,
    cacheTags.post(published.slug),
    cacheTags.author(published.author.slug),
    ...published.tags.map(({ tag }) => cacheTags.tag(tag.slug)),
    ...(await neighbourTags(published.id, published.publishedAt)),
  ];
  return { slug: published.slug, title: published.title, publicTags: [...new Set(publicTags)] };
}

/** Scheduled posts whose time has passed, with that time: work a stopped site left undone. For the job runtime. */
export async function listOverdueScheduledPosts(now = new Date()): Promise<{ id: string; scheduledAt: Date }[]> {
  const rows = await db.post.findMany({ where: { status: "SCHEDULED", scheduledAt: { lte: now } }, select: { id: true, scheduledAt: true } });
  return rows.flatMap((row) => (row.scheduledAt ? [{ id: row.id, scheduledAt: row.scheduledAt }] : []));
}
