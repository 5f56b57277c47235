"use server";

import type { ForgotPasswordFormState as ForgotPasswordState } from "@/components/auth/forgot-password-form";
import { headers } from "next/headers";
import { limitPasswordResetRequest } from "@/lib/auth/throttle";
import { waitText } from "@/lib/auth/throttle-policy";
import { requestPasswordReset } from "@/lib/staff/passwords";
import { RequestPasswordResetInput } from "@/lib/validations/staff";

/** The same answer whether or not the address belongs to staff, so the form reveals nobody. */
export async function requestPasswordResetAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  const parsed = RequestPasswordResetInput.safeParse({ email });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email };
  // scripts/server.mjs sets x-real-ip from the socket (or a trusted proxy), replacing the client's.
  const address = (await headers()).get("x-real-ip")?.trim() || "unknown";
  const limit = await limitPasswordResetRequest(address, parsed.data.email);
  if (!limit.allowed) return { error: `Too many reset requests from here. Try again in ${waitText(limit.retryAfterSeconds)}.`, email };
  if (!limit.sendMail) return { sent: true, email: parsed.data.email };
  // Not awaited: sending mail takes time only when the address exists, and the answer must not wait on
  // it (nor on a mail server failure, which the operator sees in the log).
  void requestPasswordReset(parsed.data.email).catch((error: unknown) => console.error(error));
  return { sent: true, email: parsed.data.email };
}
