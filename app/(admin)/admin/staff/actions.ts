"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { expirePublicPages } from "@/lib/cache/invalidate";
import { createInvite, revokeInvite, type CreatedInvite } from "@/lib/staff/invites";
import { createPasswordResetLink } from "@/lib/staff/passwords";
import { changeStaffRole, deleteStaff, suspendStaff, transferOwnership, unsuspendStaff } from "@/lib/staff/staff";
import { ChangeRoleInput, DeleteStaffInput, InviteStaffInput, RevokeInviteInput, StaffMemberInput } from "@/lib/validations/staff";

export async function inviteStaffAction(input: unknown): Promise<ActionResult<CreatedInvite>> {
  const parsed = InviteStaffInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await createInvite(await requireActionUser(), parsed.data) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokeInviteAction(input: unknown): Promise<ActionResult> {
  const parsed = RevokeInviteInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await revokeInvite(await requireActionUser(), parsed.data.inviteId);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function changeStaffRoleAction(input: unknown): Promise<ActionResult> {
  const parsed = ChangeRoleInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await changeStaffRole(await requireActionUser(), parsed.data);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function suspendStaffAction(input: unknown): Promise<ActionResult> {
  const parsed = StaffMemberInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await suspendStaff(await requireActionUser(), parsed.data.userId);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function unsuspendStaffAction(input: unknown): Promise<ActionResult> {
  const parsed = StaffMemberInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await unsuspendStaff(await requireActionUser(), parsed.data.userId);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteStaffAction(input: unknown): Promise<ActionResult<{ reassigned: number }>> {
  const parsed = DeleteStaffInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let result: Awaited<ReturnType<typeof deleteStaff>>;
  try {
    result = await deleteStaff(await requireActionUser(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  // After the try: the delete has committed, so a failure here must not be reported as "not deleted".
  expirePublicPages(result.publicTags);
  return { ok: true, data: { reassigned: result.reassigned } };
}

export async function transferOwnershipAction(input: unknown): Promise<ActionResult> {
  const parsed = StaffMemberInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await transferOwnership(await requireActionUser(), parsed.data.userId);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createResetLinkAction(input: unknown): Promise<ActionResult<{ link: string; expiresAt: Date }>> {
  const parsed = StaffMemberInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await createPasswordResetLink(await requireActionUser(), parsed.data.userId) };
  } catch (error) {
    return toActionError(error);
  }
}
