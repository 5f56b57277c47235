"use server";

import { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import type { EditablePost } from "@/lib/posts";
import { restoreRevision } from "@/lib/posts/restore";
import { compareRevisions, getRevisionHistory, type RevisionSnapshot, type RevisionSummary } from "@/lib/posts/revisions";
import type { RevisionDiff } from "@/lib/posts/revision-diff";
import { getPostSchedule, schedulePost, unschedulePost, type PostSchedule, scheduleTimeZone } from "@/lib/posts/schedule";
import { wallTimeToDate } from "@/lib/posts/schedule-time";
import { createPreviewLink, listPreviewLinks, revokePreviewLink, type PreviewLinkSummary } from "@/lib/preview/links";

const id = z.string().min(1).max(64);
const PostRef = z.object({ postId: id });
const CompareRevisionsInput = z.object({ postId: id, fromId: id, toId: id });
const RestoreRevisionInput = z.object({ postId: id, revisionId: id, version: z.coerce.number().int().min(1) });
const SchedulePostInput = z.object({ postId: id, at: z.string().min(1, "Choose a date and time.").max(32) });
const RevokePreviewLinkInput = z.object({ postId: id, linkId: id });

/** The history panel's list, with the post's current version (a restore is based on it). */
export async function listRevisionsAction(input: unknown): Promise<ActionResult<{ version: number; revisions: RevisionSummary[] }>> {
  const parsed = PostRef.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await getRevisionHistory(await requireActionUser(), parsed.data.postId) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function compareRevisionsAction(input: unknown): Promise<ActionResult<{ from: RevisionSnapshot; to: RevisionSnapshot; diff: RevisionDiff }>> {
  const parsed = CompareRevisionsInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const { postId, fromId, toId } = parsed.data;
    return { ok: true, data: await compareRevisions(await requireActionUser(), postId, fromId, toId) };
  } catch (error) {
    return toActionError(error);
  }
}

/** Restores a revision; `notes` say what of its settings could not be brought back, for the panel to show. */
export async function restoreRevisionAction(input: unknown): Promise<ActionResult<{ post: EditablePost; notes: string[] }>> {
  const parsed = RestoreRevisionInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let restored: Awaited<ReturnType<typeof restoreRevision>>;
  try {
    restored = await restoreRevision(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(restored.publicTags);
  return { ok: true, data: { post: restored.post, notes: restored.notes } };
}

/** Schedules (or reschedules) at a wall-clock time in the site's time zone, "YYYY-MM-DDTHH:mm[:ss]". */
export async function schedulePostAction(input: unknown): Promise<ActionResult<PostSchedule>> {
  const parsed = SchedulePostInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const at = wallTimeToDate(parsed.data.at, await scheduleTimeZone());
  if (!at) return { ok: false, code: "INVALID_INPUT", error: "Choose a date and time.", fieldErrors: { at: ["Choose a date and time."] } };
  try {
    return { ok: true, data: await schedulePost(await requireActionUser(), parsed.data.postId, at) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function unschedulePostAction(input: unknown): Promise<ActionResult<PostSchedule>> {
  const parsed = PostRef.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await unschedulePost(await requireActionUser(), parsed.data.postId) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function getPostScheduleAction(input: unknown): Promise<ActionResult<PostSchedule>> {
  const parsed = PostRef.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const schedule = await getPostSchedule(await requireActionUser(), parsed.data.postId);
    return schedule ? { ok: true, data: schedule } : { ok: false, code: "NOT_FOUND", error: "That post does not exist or you cannot edit it." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function listPreviewLinksAction(input: unknown): Promise<ActionResult<PreviewLinkSummary[]>> {
  const parsed = PostRef.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await listPreviewLinks(await requireActionUser(), parsed.data.postId) };
  } catch (error) {
    return toActionError(error);
  }
}

/** Makes a secret preview link; its URL is in this answer only (the database keeps a hash). */
export async function createPreviewLinkAction(input: unknown): Promise<ActionResult<{ id: string; url: string; createdAt: Date }>> {
  const parsed = PostRef.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await createPreviewLink(await requireActionUser(), parsed.data.postId) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokePreviewLinkAction(input: unknown): Promise<ActionResult> {
  const parsed = RevokePreviewLinkInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await revokePreviewLink(await requireActionUser(), parsed.data.postId, parsed.data.linkId);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
