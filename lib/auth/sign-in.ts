import "server-only";
import { createSession } from "@/lib/auth/sessions";
import { signInThrottle, type SignInThrottle } from "@/lib/auth/throttle";
import { verifyCredentials } from "@/lib/users";

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address as the server saw it (x-real-ip), or "unknown". */
  address: string;
  userAgent: string | null;
}

export type SignInResult =
  | { ok: true; userId: string; tokenVersion: number; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export interface SignInDependencies {
  throttle?: SignInThrottle;
  verify?: typeof verifyCredentials;
}

/**
 * Checks a password under the sign-in throttle and starts a session when it matches. The attempt is
 * counted before the password is checked, so parallel attempts cannot outrun the limit; an unknown
 * email is counted, checked and answered exactly like a wrong password.
 */
export async function attemptSignIn(attempt: SignInAttempt, deps: SignInDependencies = {}): Promise<SignInResult> {
  const throttle = deps.throttle ?? signInThrottle();
  const verify = deps.verify ?? verifyCredentials;
  const reservation = await throttle.reserve(attempt.email, attempt.address);
  if (!reservation.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };

  let user: Awaited<ReturnType<typeof verifyCredentials>>;
  try {
    user = await verify(attempt.email, attempt.password);
  } catch (error) {
    // The attempt stays counted: an error must not become a way around the limit.
    await reservation.settle("failure");
    throw error;
  }
  await reservation.settle(user ? "success" : "failure");
  if (!user) return { ok: false, reason: "invalid" };

  const sessionId = await createSession(user.id, { userAgent: attempt.userAgent, ip: attempt.address === "unknown" ? null : attempt.address });
  return { ok: true, userId: user.id, tokenVersion: user.tokenVersion, sessionId };
}
