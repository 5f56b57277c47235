"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { deleteTag, updateTag as saveTag, type EditableTag, type TagWriteResult } from "@/lib/tags";
import { DeleteTagInput, UpdateTagInput } from "@/lib/validations/tag";

export async function updateTagAction(input: unknown): Promise<ActionResult<EditableTag>> {
  const parsed = UpdateTagInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: TagWriteResult;
  try {
    result = await saveTag(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the write has committed, so a failure here must not be reported as "not saved".
  expirePublicPages(result.publicTags);
  return { ok: true, data: result.tag };
}

export async function deleteTagAction(input: unknown): Promise<ActionResult> {
  const parsed = DeleteTagInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let publicTags: string[];
  try {
    ({ publicTags } = await deleteTag(await requireActionUser(), parsed.data));
  } catch (error) {
    return toActionError(error);
  }
  expirePublicPages(publicTags);
  return { ok: true, data: undefined };
}
