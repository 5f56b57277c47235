"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { getCurrentSessionId, requireActionUser } from "@/lib/auth";
import { isDomainError } from "@/lib/errors";
import { WeakPasswordError } from "@/lib/staff/invites";
import { changeOwnPassword } from "@/lib/staff/passwords";
import { ChangePasswordInput } from "@/lib/validations/staff";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { updateProfile, type EditableProfile, type ProfileWriteResult } from "@/lib/users";
import { UpdateProfileInput } from "@/lib/validations/profile";
import { removeAvatar, setAvatar, type AvatarWriteResult } from "@/lib/staff/avatar";
import { z } from "zod";

export async function updateProfileAction(input: unknown): Promise<ActionResult<EditableProfile>> {
  const parsed = UpdateProfileInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: ProfileWriteResult;
  try {
    result = await updateProfile(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  expirePublicPages(result.publicTags);
  return { ok: true, data: result.profile };
}

/** Changes the signed-in user's own password; their other browsers are signed out, this one stays. */
export async function changePasswordAction(input: unknown): Promise<ActionResult<{ endedSessions: number }>> {
  const parsed = ChangePasswordInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const actor = await requireActionUser();
    return { ok: true, data: await changeOwnPassword(actor, parsed.data, await getCurrentSessionId()) };
  } catch (error) {
    if (error instanceof WeakPasswordError) return { ok: false, code: error.code, error: error.message, fieldErrors: { newPassword: [error.message] } };
    if (isDomainError(error) && error.code === "INVALID_INPUT") return { ok: false, code: error.code, error: error.message, fieldErrors: { currentPassword: [error.message] } };
    return toActionError(error);
  }
}

const UploadAvatarInput = z.object({
  userId: z.string().min(1).max(100),
  file: z.instanceof(File, { message: "Choose a photo to upload." }),
});

/** Sets a profile photo (own, or anyone's for administrators) from FormData `userId` and `file`. */
export async function uploadAvatarAction(formData: FormData): Promise<ActionResult<{ src: string | null }>> {
  const parsed = UploadAvatarInput.safeParse({ userId: formData.get("userId"), file: formData.get("file") });
  if (!parsed.success) return invalidInput(parsed.error);
  let result: AvatarWriteResult;
  try {
    const actor = await requireActionUser();
    result = await setAvatar(actor, parsed.data.userId, new Uint8Array(await parsed.data.file.arrayBuffer()));
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(result.publicTags);
  return { ok: true, data: { src: result.src } };
}

/** Removes a profile photo (same rights as uploading one). */
export async function removeAvatarAction(userId: unknown): Promise<ActionResult<{ src: string | null }>> {
  const parsed = z.string().min(1).max(100).safeParse(userId);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: AvatarWriteResult;
  try {
    result = await removeAvatar(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(result.publicTags);
  return { ok: true, data: { src: result.src } };
}
