"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache-invalidation";
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
