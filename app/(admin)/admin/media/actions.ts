"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { record } from "@/lib/audit";
import { requireActionUser, type SessionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { deleteMedia, updateMediaAlt, type MediaItem } from "@/lib/media/media";
import { setFeatureImage, type FeatureImage } from "@/lib/posts";
import { DeleteMediaInput, SetFeatureImageInput, UpdateMediaAltInput } from "@/lib/validations/media";

export async function updateMediaAltAction(input: unknown): Promise<ActionResult<MediaItem>> {
  const parsed = UpdateMediaAltInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: Awaited<ReturnType<typeof updateMediaAlt>>;
  try {
    result = await updateMediaAlt(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  expirePublicPages(result.publicTags);
  return { ok: true, data: result.item };
}

export async function deleteMediaAction(input: unknown): Promise<ActionResult> {
  const parsed = DeleteMediaInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let publicTags: string[];
  let actor: SessionUser;
  try {
    actor = await requireActionUser();
    ({ publicTags } = await deleteMedia(actor, parsed.data));
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(publicTags);
  await record(actor, "media.delete", { type: "media", id: parsed.data.id });
  return { ok: true, data: undefined };
}

export async function setFeatureImageAction(input: unknown): Promise<ActionResult<FeatureImage | null>> {
  const parsed = SetFeatureImageInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: Awaited<ReturnType<typeof setFeatureImage>>;
  try {
    result = await setFeatureImage(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(result.publicTags);
  return { ok: true, data: result.featureImage };
}
