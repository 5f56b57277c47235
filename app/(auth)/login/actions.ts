"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { setPendingSignInCookie } from "@/lib/auth/two-factor-cookie";
import type { SignInState } from "@/components/auth/sign-in-form";
import { signInWithPassword } from "@/lib/auth";
import { waitText } from "@/lib/auth/throttle-policy";
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

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  const parsed = SignInInput.safeParse({ email: formData.get("email"), password: formData.get("password"), callbackUrl: await callbackFromReferer() });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  const failure = await signInWithPassword(parsed.data.email, parsed.data.password, parsed.data.callbackUrl ?? "/admin");
  if (failure.reason === "two_factor") {
    // No session yet: only a 5-minute token for the code step, in a cookie sent to that page alone.
    await setPendingSignInCookie(failure.pendingToken);
    const next = parsed.data.callbackUrl ? `?callbackUrl=${encodeURIComponent(parsed.data.callbackUrl)}` : "";
    redirect(`/two-factor${next}`);
  }
  if (failure.reason === "rate_limited") return { error: `Too many failed sign-in attempts. Try again in ${waitText(failure.retryAfterSeconds)}.`, email };
  if (failure.reason === "suspended") return { error: "Your account was suspended. Ask an Administrator of this site to restore it.", email };
  return { error: "Wrong email or password.", email };
}
