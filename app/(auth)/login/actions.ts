"use server";

import { signInWithPassword } from "@/lib/auth";
import { SignInInput } from "@/lib/validations/auth";
import type { SignInState } from "@/components/auth/sign-in-form";


export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = SignInInput.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  const failure = await signInWithPassword(parsed.data.email, parsed.data.password, parsed.data.callbackUrl ?? "/admin");
  if (failure === "rate_limited") return { error: "Too many failed attempts for this email. Try again in 15 minutes.", email };
  return { error: "Wrong email or password.", email };
}
