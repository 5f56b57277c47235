"use server";

import { headers } from "next/headers";
import type { TwoFactorCodeState } from "@/components/auth/two-factor-code-form";
import { signInWithSecondFactor } from "@/lib/auth";
import { readPendingSignInCookie } from "@/lib/auth/two-factor-cookie";
import { z } from "zod";

const CodeInput = z.object({ code: z.string().trim().min(6, "Enter the 6-digit code from your app, or a recovery code.").max(32) });

async function callbackFromReferer(): Promise<string> {
  const referer = (await headers()).get("referer");
  try {
    return (referer && new URL(referer).searchParams.get("callbackUrl")) || "/admin";
  } catch {
    return "/admin";
  }
}

export async function secondFactorAction(_previous: TwoFactorCodeState, formData: FormData): Promise<TwoFactorCodeState> {
  const parsed = CodeInput.safeParse({ code: formData.get("code") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a code." };
  const token = await readPendingSignInCookie();
  const expired = { error: "This sign-in took longer than 5 minutes or was replaced. Sign in with your password again." };
  if (!token) return expired;
  // On success this clears the pending cookie and redirects (throws); an expired one is cleared too.
  const failure = await signInWithSecondFactor(token, parsed.data.code, await callbackFromReferer());
  if (failure.reason === "expired") return expired;
  if (failure.reason === "rate_limited") return { error: `Too many failed attempts. Try again in ${Math.max(1, Math.ceil(failure.retryAfterSeconds / 60))} minutes.` };
  return { error: "That code is not right, or was already used." };
}
