"use server";

import type { PasswordFormState } from "@/components/auth/set-password-form";
import { headers } from "next/headers";
import { signInWithPassword } from "@/lib/auth";
import { limitInviteAccept } from "@/lib/auth/throttle";
import { waitText } from "@/lib/auth/throttle-policy";
import { toActionError } from "@/lib/action-result";
import { acceptInvite, WeakPasswordError } from "@/lib/staff/invites";
import { AcceptInviteInput } from "@/lib/validations/staff";

/** Creates the invited account, then signs it in and opens the admin (the redirect throws). */
export async function acceptInviteAction(_previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const name = typeof formData.get("name") === "string" ? String(formData.get("name")) : "";
  const parsed = AcceptInviteInput.safeParse({ token: formData.get("token"), name, password: formData.get("password") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue?.message ?? "Check the form.", field: issue?.path[0] === "name" ? "name" : issue?.path[0] === "password" ? "password" : undefined, name };
  }
  // Counted before the password is hashed; x-real-ip comes from scripts/server.mjs, never the client.
  const limit = await limitInviteAccept((await headers()).get("x-real-ip")?.trim() || "unknown");
  if (!limit.allowed) return { error: `Too many attempts from here. Try again in ${waitText(limit.retryAfterSeconds)}.`, name };
  let email: string;
  try {
    ({ email } = await acceptInvite(parsed.data));
  } catch (error) {
    if (error instanceof WeakPasswordError) return { error: error.message, field: "password", name };
    const result = toActionError(error);
    return { error: result.ok ? "" : result.error, name, linkDead: !result.ok && result.code === "INVALID_STATE" };
  }
  const failure = await signInWithPassword(email, parsed.data.password, "/admin");
  return { error: failure.reason === "rate_limited" ? "Your account is ready, but sign-in is paused for a while. Try the sign-in page later." : "Your account is ready. Sign in on the sign-in page.", name };
}
