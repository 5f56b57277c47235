import { z } from "zod";
import { MAX_NAME_LENGTH } from "@/lib/validations/profile";

export const STAFF_ROLES = ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"] as const;

const id = z.string().min(1).max(64);
const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254, "That email address is too long."));
/** Strength and site words are checked on the server with the person's details (lib/staff/password-policy). */
const password = z.string().min(1, "Enter a password.").max(1000, "Use at most 1000 characters.");
const token = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/);

export const InviteStaffInput = z.object({ email, role: z.enum(STAFF_ROLES, "Choose a role.") });
export type InviteStaffInput = z.infer<typeof InviteStaffInput>;

export const ChangeRoleInput = z.object({ userId: id, role: z.enum(STAFF_ROLES, "Choose a role.") });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

export const StaffMemberInput = z.object({ userId: id });
export type StaffMemberInput = z.infer<typeof StaffMemberInput>;

export const DeleteStaffInput = z.object({ userId: id, reassignTo: id });
export type DeleteStaffInput = z.infer<typeof DeleteStaffInput>;

export const RevokeInviteInput = z.object({ inviteId: id });

export const AcceptInviteInput = z.object({
  token,
  name: z.string().trim().min(1, "Enter your name.").max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters.`),
  password,
});
export type AcceptInviteInput = z.infer<typeof AcceptInviteInput>;

export const ChangePasswordInput = z.object({ currentPassword: z.string().min(1, "Enter your current password.").max(1000), newPassword: password });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const RequestPasswordResetInput = z.object({ email });

export const ResetPasswordInput = z.object({ token, password });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;
