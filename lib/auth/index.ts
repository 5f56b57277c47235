import "server-only";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { cache } from "react";
import { record } from "@/lib/audit";
import { env } from "@/lib/env";
import { DomainError, isDatabaseUnreachable } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/callback-path";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-policy";
import { getLiveSessionUser, revokeSession } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { needsTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { attemptSecondFactor } from "@/lib/auth/two-factor-sign-in";
import { clearPendingSignInCookie } from "@/lib/auth/two-factor-cookie";
import { isSecureSite, sessionCookieName } from "@/lib/session-cookie";
import type { SessionUser } from "@/lib/users";
import { SecondFactorInput, SignInInput } from "@/lib/validations/auth";

export type { SessionUser };

declare module "next-auth" {
  interface User {
    tokenVersion?: number;
    sessionId?: string;
  }
  interface Session {
    /** The sessions row this token stands for; checked on every request. */
    sid?: string;
    tv?: number;
  }
}

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** The right password for an account with two-factor sign-in: the second step's token, and no session. */
class TwoFactorRequired extends CredentialsSignin {
  code = "two_factor";
  constructor(readonly pendingToken: string) {
    super();
  }
}

/** The second step's token expired, was forged, or the password changed meanwhile. */
class SecondStepExpired extends CredentialsSignin {
  code = "two_factor_expired";
}

/** The right password for a suspended account; wrong passwords never get this answer. */
class AccountSuspended extends CredentialsSignin {
  code = "suspended";
}

/** One lookup per request however many times the token is read (next-auth's jwt callback, pages). */
const liveSessionUser = cache((sessionId: string, tokenVersion: number) => getLiveSessionUser(sessionId, tokenVersion));

/** The session row and token version a token carries, or null for tokens from before sessions had rows. */
function tokenSession(token: Record<string, unknown>): { sid: string; tv: number } | null {
  return typeof token.sid === "string" && typeof token.tv === "number" ? { sid: token.sid, tv: token.tv } : null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // Redirect URLs come from AUTH_URL, which the start and test scripts set from SITE_URL.
  trustHost: true,
  // The cookie's own lifetime; the absolute and idle limits are enforced on the sessions row.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  cookies: {
    sessionToken: {
      name: sessionCookieName(env.SITE_URL),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: isSecureSite(env.SITE_URL) },
    },
  },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        // scripts/server.mjs sets x-real-ip from the socket (or a trusted proxy), replacing the client's.
        const result = await attemptSignIn({
          email: parsed.data.email,
          password: parsed.data.password,
          address: request.headers.get("x-real-ip")?.trim() || "unknown",
          userAgent: request.headers.get("user-agent"),
        });
        if (!result.ok) {
          if (result.reason === "rate_limited") throw new TooManyAttempts(result.retryAfterSeconds);
          if (result.reason === "two_factor") throw new TwoFactorRequired(result.pendingToken);
          throw result.reason === "suspended" ? new AccountSuspended() : new CredentialsSignin();
        }
        return { id: result.userId, tokenVersion: result.tokenVersion, sessionId: result.sessionId };
      },
    }),
    // The second step of a two-factor sign-in: the pending token from the password step and a code.
    Credentials({
      id: "two-factor",
      credentials: { pendingToken: {}, code: {} },
      async authorize(raw, request) {
        const parsed = SecondFactorInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const result = await attemptSecondFactor({
          pendingToken: parsed.data.pendingToken,
          code: parsed.data.code,
          address: request.headers.get("x-real-ip")?.trim() || "unknown",
          userAgent: request.headers.get("user-agent"),
        });
        if (!result.ok) {
          if (result.reason === "rate_limited") throw new TooManyAttempts(result.retryAfterSeconds);
          throw result.reason === "expired" ? new SecondStepExpired() : new CredentialsSignin();
        }
        return { id: result.userId, tokenVersion: result.tokenVersion, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id && user.sessionId) {
        token.sub = user.id;
        token.sid = user.sessionId;
        token.tv = user.tokenVersion ?? 0;
        return token;
      }
      // Every read of the token (pages, actions, GET /api/auth/session) checks its session row. null makes
      // next-auth answer "no session" and clear the cookie instead of re-issuing it.
      const current = tokenSession(token);
      if (!current) return null;
      try {
        return (await liveSessionUser(current.sid, current.tv)) ? token : null;
      } catch (error) {
        // The database is down, not the session: keep the cookie. Whatever the request needs fails on its
        // own and says so (an action answers that the database cannot be reached; a page, 503).
        if (isDatabaseUnreachable(error)) return token;
        throw error;
      }
    },
    session({ session, token }) {
      const current = tokenSession(token);
      session.user.id = token.sub ?? "";
      session.sid = current?.sid;
      session.tv = current?.tv;
      return session;
    },
  },
});

/**
 * The signed-in staff member for this request, read from the database (not the token) so that a
 * demotion, deletion, revoked or timed-out session takes effect on the next request. Null when signed out.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.sid || session.tv === undefined) return null;
  return liveSessionUser(session.sid, session.tv);
});

/** The id of the session this request is signed in with, or null (marks "this device" in the devices list). */
export async function getCurrentSessionId(): Promise<string | null> {
  const session = await auth();
  return session?.sid && (await getSessionUser()) ? session.sid : null;
}

/** Whether the site requires two-factor sign-in and this user has not set it up (once per request). */
const mustEnrolTwoFactor = cache((userId: string) => needsTwoFactorEnrolment(userId));

/**
 * The session user; redirects to /login when signed out, and to the two-factor set-up while the site
 * requires it and the user has none (redirect throws: call it outside try).
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (await mustEnrolTwoFactor(user.id)) redirect("/two-factor/setup");
  return user;
}

/** The session user for the two-factor set-up itself, which must stay reachable before enrolment. */
export async function requireUserForTwoFactorSetup(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/**
 * The session user for a server action. Throws DomainError("UNAUTHENTICATED") instead of redirecting,
 * so that an editor whose session ended keeps its unsaved text and can say why the save failed.
 */
export async function requireActionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Sign in again in another tab, then save; your text is still here.");
  if (await mustEnrolTwoFactor(user.id)) throw new DomainError("FORBIDDEN", "Set up two-factor sign-in first: this site requires it.");
  return user;
}

export type SignInFailure =
  | { reason: "invalid" }
  | { reason: "suspended" }
  | { reason: "two_factor"; pendingToken: string }
  | { reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Signs in with email and password and redirects to `redirectTo` when it is a same-site path (the
 * redirect throws: do not catch it). Returns why it failed otherwise.
 */
export async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<SignInFailure> {
  // A second step left half-way (the person went back to the password form) ends here; a new one sets its own cookie.
  await clearPendingSignInCookie();
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(redirectTo) });
  } catch (error) {
    if (error instanceof TooManyAttempts) return { reason: "rate_limited", retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof AccountSuspended) return { reason: "suspended" };
    if (error instanceof TwoFactorRequired) return { reason: "two_factor", pendingToken: error.pendingToken };
    if (error instanceof AuthError) return { reason: "invalid" };
    throw error;
  }
  return { reason: "invalid" };
}

export type SecondFactorFailure = { reason: "invalid" } | { reason: "expired" } | { reason: "rate_limited"; retryAfterSeconds: number };

/**
 * The second step: signs in with the pending token and a code, clears the pending cookie and redirects
 * (throws); else why not. An expired token's cookie is cleared too; a wrong code keeps it for a retry.
 */
export async function signInWithSecondFactor(pendingToken: string, code: string, redirectTo: string): Promise<SecondFactorFailure> {
  const target = safeCallbackPath(redirectTo);
  try {
    // redirect: false, so the pending cookie is cleared before the redirect (which throws) is sent.
    await signIn("two-factor", { pendingToken, code, redirectTo: target, redirect: false });
  } catch (error) {
    if (error instanceof TooManyAttempts) return { reason: "rate_limited", retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof SecondStepExpired) {
      await clearPendingSignInCookie();
      return { reason: "expired" };
    }
    if (error instanceof AuthError) return { reason: "invalid" };
    throw error;
  }
  await clearPendingSignInCookie();
  redirect(target);
}

/**
 * Signs this browser out: its session row is revoked, so copies of the cookie stop working too; then
 * clears the cookie and redirects to the sign-in page (throws the redirect).
 */
export async function signOutUser(): Promise<void> {
  const session = await auth();
  const user = await getSessionUser();
  if (session?.sid) await revokeSession(session.sid);
  if (user) await record(user, "auth.sign_out", null);
  await signOut({ redirectTo: "/login" });
}
