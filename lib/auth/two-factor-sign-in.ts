import "server-only";
import { record } from "@/lib/audit";
import { createSession } from "@/lib/auth/sessions";
import { signInThrottle, type SignInThrottle } from "@/lib/auth/throttle";
import { openPendingSignIn, consumeSecondFactor } from "@/lib/auth/two-factor";

export interface SecondFactorAttempt {
  /** The signed token given after the right password (cookie of the second step). */
  pendingToken: string;
  code: string;
  address: string;
  userAgent: string | null;
}

export type SecondFactorResult =
  | { ok: true; userId: string; tokenVersion: number; sessionId: string }
  /** The 5 minutes passed, the token is forged, or the password changed meanwhile: start again. */
  | { ok: false; reason: "expired" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * The second step of a two-factor sign-in. Each code is counted by the same throttle as passwords (this
 * account from this address, and this address), before it is checked; only then is a session created.
 */
export async function attemptSecondFactor(attempt: SecondFactorAttempt, deps: { throttle?: SignInThrottle } = {}): Promise<SecondFactorResult> {
  const pending = await openPendingSignIn(attempt.pendingToken);
  if (!pending) return { ok: false, reason: "expired" };
  const throttle = deps.throttle ?? signInThrottle();
  const reservation = await throttle.reserve(pending.email, attempt.address);
  if (!reservation.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };
  let passed = false;
  try {
    passed = await consumeSecondFactor(pending.userId, attempt.code);
  } finally {
    await reservation.settle(passed ? "success" : "failure");
  }
  const address = attempt.address === "unknown" ? null : attempt.address;
  if (!passed) {
    await record({ id: pending.userId, email: pending.email }, "auth.sign_in_failed", null, { reason: "second_factor" }, { address });
    return { ok: false, reason: "invalid" };
  }
  const sessionId = await createSession(pending.userId, { userAgent: attempt.userAgent, ip: address });
  await record({ id: pending.userId, email: pending.email }, "auth.sign_in", null, { twoFactor: true }, { address });
  return { ok: true, userId: pending.userId, tokenVersion: pending.tokenVersion, sessionId };
}
