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
