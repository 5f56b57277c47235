import "server-only";
import { record } from "@/lib/audit";
import { createSession } from "@/lib/auth/sessions";
import { hasTwoFactor, issuePendingSignIn } from "@/lib/auth/two-factor";
import { signInThrottle, type SignInThrottle } from "@/lib/auth/throttle";
import { checkCredentials } from "@/lib/users";

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
  /** Only after the right password: someone without it gets "invalid" like any wrong guess. */
  | { ok: false; reason: "suspended" }
  /** The right password for an account with two-factor sign-in: no session yet, only the second step's token. */
  | { ok: false; reason: "two_factor"; pendingToken: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export interface SignInDependencies {
  throttle?: SignInThrottle;
  /** A suspended account may be answered as null (verifyCredentials) or with `suspended: true`. */
  verify?: (email: string, password: string) => Promise<{ id: string; tokenVersion: number; suspended?: boolean } | null>;
}

/**
 * Checks a password under the sign-in throttle and starts a session when it matches. The attempt is
 * counted before the password is checked, so parallel attempts cannot outrun the limit; an unknown
 * email is counted, checked and answered exactly like a wrong password.
 */
export async function attemptSignIn(attempt: SignInAttempt, deps: SignInDependencies = {}): Promise<SignInResult> {
  const throttle = deps.throttle ?? signInThrottle();
  const verify = deps.verify ?? checkCredentials;
  const reservation = await throttle.reserve(attempt.email, attempt.address);
  const email = attempt.email.trim().toLowerCase();
  const address = attempt.address === "unknown" ? null : attempt.address;
  if (!reservation.allowed) {
    await record({ email }, "auth.sign_in_failed", null, { reason: "rate_limited" }, { address });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };
  }

  let user: Awaited<ReturnType<NonNullable<SignInDependencies["verify"]>>>;
  try {
    user = await verify(attempt.email, attempt.password);
  } catch (error) {
    // The attempt stays counted: an error must not become a way around the limit.
    await reservation.settle("failure");
    throw error;
  }
  await reservation.settle(user ? "success" : "failure");
  if (!user || user.suspended) {
    await record(user ? { id: user.id, email } : { email }, "auth.sign_in_failed", null, { reason: user ? "suspended" : "invalid" }, { address });
    return { ok: false, reason: user ? "suspended" : "invalid" };
  }
  if (await hasTwoFactor(user.id)) return { ok: false, reason: "two_factor", pendingToken: issuePendingSignIn(user.id, user.tokenVersion) };

  const sessionId = await createSession(user.id, { userAgent: attempt.userAgent, ip: address });
  await record({ id: user.id, email }, "auth.sign_in", null, undefined, { address });
  return { ok: true, userId: user.id, tokenVersion: user.tokenVersion, sessionId };
}
