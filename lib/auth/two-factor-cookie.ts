import "server-only";
import { cookies } from "next/headers";
import { PENDING_SIGN_IN_SECONDS } from "@/lib/auth/two-factor-crypto";
import { env } from "@/lib/env";
import { isSecureSite } from "@/lib/session-cookie";

/** Holds the signed pending token between the password and the code; sent only to the second step's page. */
const NAME = "quire.two-factor-pending";
const PATH = "/two-factor";

export async function setPendingSignInCookie(token: string): Promise<void> {
  (await cookies()).set(NAME, token, { httpOnly: true, sameSite: "lax", path: PATH, secure: isSecureSite(env.SITE_URL), maxAge: PENDING_SIGN_IN_SECONDS });
}

export async function readPendingSignInCookie(): Promise<string | null> {
  return (await cookies()).get(NAME)?.value ?? null;
}

export async function clearPendingSignInCookie(): Promise<void> {
  (await cookies()).set(NAME, "", { httpOnly: true, sameSite: "lax", path: PATH, secure: isSecureSite(env.SITE_URL), maxAge: 0 });
}
