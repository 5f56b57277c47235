"use server";

import type { PasswordFormState } from "@/components/auth/set-password-form";
import { toActionError } from "@/lib/action-result";
import { signInWithPassword } from "@/lib/auth";
import { WeakPasswordError } from "@/lib/staff/invites";
import { resetPassword } from "@/lib/staff/passwords";
import { ResetPasswordInput } from "@/lib/validations/staff";

/** Sets the new password, then signs in with it and opens the admin (the redirect throws). */
export async function resetPasswordAction(_previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const parsed = ResetPasswordInput.safeParse({ token: formData.get("token"), password: formData.get("password") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue?.path[0] === "password" ? issue.message : "This reset link is not valid.", field: issue?.path[0] === "password" ? "password" : undefined };
  }
  let email: string;
  try {
    ({ email } = await resetPassword(parsed.data));
  } catch (error) {
    if (error instanceof WeakPasswordError) return { error: error.message, field: "password" };
    const result = toActionError(error);
    return { error: result.ok ? "" : result.error, linkDead: !result.ok && result.code === "INVALID_STATE" };
  }
  const failure = await signInWithPassword(email, parsed.data.password, "/admin");
  return { error: failure.reason === "rate_limited" ? "Your password is changed, but sign-in is paused for a while. Try again later." : "Your password is changed. Sign in on the sign-in page." };
}
