"use server";

import { redirect } from "next/navigation";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { record } from "@/lib/audit";
import { requireActionUser, requireUser, type SessionUser } from "@/lib/auth";
import { expirePublicPagesNow } from "@/lib/cache/invalidate";
import { createDraft, deletePost, PostConflictError, savePost, type SaveIntent, type SavePostResult } from "@/lib/posts";
import { editPostPath } from "@/lib/paths";
import { DeletePostInput, SavePostInput } from "@/lib/validations/post";

async function runSave(input: unknown, intent: SaveIntent): Promise<SavePostResult> {
  const parsed = SavePostInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let saved: Awaited<ReturnType<typeof savePost>>;
  let actor: SessionUser;
  try {
    actor = await requireActionUser();
    saved = await savePost(actor, parsed.data, intent);
  } catch (error) {
    // The stored version comes back with the refusal, so the editor can show both without another request.
    if (error instanceof PostConflictError && error.current) return { ...toActionError(error), conflict: error.current };
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  await Promise.all([
    expirePublicPagesNow(saved.publicTags),
    intent !== "save" && record(actor, intent === "publish" ? "post.publish" : "post.unpublish", { type: "post", id: saved.post.id, label: saved.post.title }),
  ]);
  return { ok: true, data: saved.post };
}

export async function savePostAction(input: unknown): Promise<SavePostResult> {
  return runSave(input, "save");
}

export async function publishPostAction(input: unknown): Promise<SavePostResult> {
  return runSave(input, "publish");
}

export async function unpublishPostAction(input: unknown): Promise<SavePostResult> {
  return runSave(input, "unpublish");
}

export async function deletePostAction(input: unknown): Promise<ActionResult> {
  const parsed = DeletePostInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let publicTags: string[];
  let actor: SessionUser;
  try {
    actor = await requireActionUser();
    ({ publicTags } = await deletePost(actor, parsed.data));
  } catch (error) {
    return toActionError(error);
  }
  await Promise.all([expirePublicPagesNow(publicTags), record(actor, "post.delete", { type: "post", id: parsed.data.id })]);
  return { ok: true, data: undefined };
}

/** "New post": creates an empty draft and opens it, so the editor always works on a saved post. */
export async function createPostAction(): Promise<void> {
  const actor = await requireUser();
  const { id } = await createDraft(actor);
  redirect(editPostPath(id));
}
