"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { record } from "@/lib/audit";
import { requireActionUser, type SessionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { assertCan } from "@/lib/permissions";
import { updateSiteSettings, type SiteSettingsWriteResult } from "@/lib/site";
import { UpdateSiteSettingsInput } from "@/lib/validations/settings";

/** Saves the site settings. Administrators only (updateSiteSettings checks site.manage). */
export async function updateSiteSettingsAction(input: unknown): Promise<ActionResult<{ version: string }>> {
  let result: SiteSettingsWriteResult;
  let actor: SessionUser;
  try {
    // The role is checked before the input, so a lesser role learns nothing from validation messages.
    actor = await requireActionUser();
    assertCan(actor, "site.manage");
    const parsed = UpdateSiteSettingsInput.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    result = await updateSiteSettings(actor, parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  expirePublicPages(result.publicTags);
  await record(actor, "settings.update", { type: "settings" });
  return { ok: true, data: { version: result.settings.version } };
}
