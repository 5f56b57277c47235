"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { savePostSettings, type PostSettings } from "@/lib/posts/settings";
import { SavePostSettingsInput } from "@/lib/validations/post-settings";

/** The settings panel's save: search and social fields, and the publish date of a published post. */
export async function savePostSettingsAction(input: unknown): Promise<ActionResult<PostSettings>> {
  const parsed = SavePostSettingsInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let saved: Awaited<ReturnType<typeof savePostSettings>>;
  try {
    saved = await savePostSettings(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  expirePublicPages(saved.publicTags);
  return { ok: true, data: saved.settings };
}
