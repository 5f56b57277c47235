import "server-only";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/callback-path";
import { FailureLimiter } from "@/lib/rate-limit";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { getUserForSession, revokeSessions, verifyCredentials, type SessionUser } from "@/lib/users";
import { SignInInput } from "@/lib/validations/auth";

export type { SessionUser };

declare module "next-auth" {
  interface User {
    tokenVersion?: number;
  }
  interface Session {
    tokenVersion?: number;
  }
}

/** Ten wrong passwords for one address in 15 minutes lock that address out for the rest of the window. */
const signInFailures = new FailureLimiter(10, 15 * 60 * 1000);

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // Redirect URLs come from AUTH_URL, which the start and test scripts set from SITE_URL.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  cookies: {
    sessionToken: {
      name: SESSION_COOKIE,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.SITE_URL.startsWith("https://") },
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
      async authorize(raw) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const key = parsed.data.email.trim().toLowerCase();
        if (signInFailures.retryAfter(key) > 0) throw new TooManyAttempts();
        const user = await verifyCredentials(parsed.data.email, parsed.data.password);
        if (!user) {
          signInFailures.recordFailure(key);
          throw new CredentialsSignin();
        }
        signInFailures.reset(key);
        return { id: user.id, tokenVersion: user.tokenVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.tv = user.tokenVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.tokenVersion = typeof token.tv === "number" ? token.tv : -1;
      return session;
    },
  },
});

/**
 * The signed-in staff member for this request, read from the database (not the token) so that a
 * demotion, deletion or revoked session takes effect on the next request. Null when signed out.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || session.tokenVersion === undefined) return null;
  return getUserForSession(id, session.tokenVersion);
});

/** The session user; redirects to /login when signed out (redirect throws: call it outside try). */
export async function requireUser(): Promise<SessionUser> {
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
  return user;
}

export type SignInFailure = "invalid" | "rate_limited";

/**
 * Signs in with email and password and redirects to `redirectTo` when it is a same-site path (the
 * redirect throws: do not catch it). Returns why it failed otherwise.
 */
export async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<SignInFailure> {
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(redirectTo) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") return "rate_limited";
    if (error instanceof AuthError) return "invalid";
    throw error;
  }
  return "invalid";
}

/**
 * Signs the user out everywhere: bumps their token version, so copies of the session cookie stop
 * working too, then clears the cookie and redirects to the sign-in page (throws the redirect).
 */
export async function signOutUser(): Promise<void> {
  const user = await getSessionUser();
  if (user) await revokeSessions(user.id);
  await signOut({ redirectTo: "/login" });
}
