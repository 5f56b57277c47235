"use server";

import { headers } from "next/headers";
import type { SignInState } from "@/components/auth/sign-in-form";
import { signInWithPassword } from "@/lib/auth";
import { SignInInput } from "@/lib/validations/auth";

/** ?callbackUrl= of the sign-in page the form was posted from; signInWithPassword keeps only same-site paths. */
async function callbackFromReferer(): Promise<string | undefined> {
  const referer = (await headers()).get("referer");
  if (!referer) return undefined;
  try {
    return new URL(referer).searchParams.get("callbackUrl") ?? undefined;
  } catch {
    return undefined;
  }
}

/** "3 minutes", "2 hours": the wait rounded up, so the form never promises an unlock too early. */
function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 120) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.ceil(hours / 24)} days`;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  const parsed = SignInInput.safeParse({ email: formData.get("email"), password: formData.get("password"), callbackUrl: await callbackFromReferer() });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  const failure = await signInWithPassword(parsed.data.email, parsed.data.password, parsed.data.callbackUrl ?? "/admin");
  if (failure.reason === "rate_limited") return { error: `Too many failed sign-in attempts. Try again in ${waitText(failure.retryAfterSeconds)}.`, email };
  if (failure.reason === "suspended") return { error: "Your account was suspended. Ask an Administrator of this site to restore it.", email };
  return { error: "Wrong email or password.", email };
}
