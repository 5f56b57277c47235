"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireActionUser } from "@/lib/auth";
import { liftLockout } from "@/lib/auth/lockouts";
import { revokeAllStaffSessions, revokeStaffSession } from "@/lib/auth/sessions";
import { isDomainError } from "@/lib/errors";
import { redirect } from "next/navigation";
import { signInThrottle } from "@/lib/auth/throttle";
import { z } from "zod";
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

const LiftLockoutInput = z.object({ lockoutId: z.string().min(1).max(100) });

/** Administrators: lifts a sign-in lock-out (audited). */
export async function liftLockoutAction(input: unknown): Promise<ActionResult> {
  const parsed = LiftLockoutInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await liftLockout(await requireActionUser(), parsed.data.lockoutId, signInThrottle());
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

const RevokeStaffDeviceInput = z.object({ userId: z.string().min(1).max(100), sessionId: z.string().min(1).max(100) });

/** Whoever manages the staff member (staff.revokeSessions): signs one of their browsers out; their page is shown again either way. */
export async function revokeStaffDeviceAction(formData: FormData): Promise<void> {
  const parsed = RevokeStaffDeviceInput.safeParse({ userId: formData.get("userId"), sessionId: formData.get("sessionId") });
  if (!parsed.success) redirect("/admin/staff");
  const actor = await requireActionUser();
  try {
    await revokeStaffSession(actor, parsed.data.userId, parsed.data.sessionId);
  } catch (error) {
    // Already ended, or not the actor's to end: the page shown next says what is left.
    if (!isDomainError(error)) throw error;
  }
  redirect(`/admin/staff/${encodeURIComponent(parsed.data.userId)}`);
}

/** Whoever manages the staff member (staff.revokeSessions): signs them out everywhere; their page is shown again either way. */
export async function revokeAllStaffDevicesAction(formData: FormData): Promise<void> {
  const parsed = StaffMemberInput.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) redirect("/admin/staff");
  const actor = await requireActionUser();
  try {
    await revokeAllStaffSessions(actor, parsed.data.userId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    redirect(`/admin/staff/${encodeURIComponent(parsed.data.userId)}`);
  }
  redirect(`/admin/staff/${encodeURIComponent(parsed.data.userId)}?signedOut=1`);
}
