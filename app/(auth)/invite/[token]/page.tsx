import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuthCard, DeadLink } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { getInviteByToken } from "@/lib/staff/invites";
import { acceptInviteAction } from "./actions";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Accept invitation", robots: { index: false, follow: false }, referrer: "no-referrer" };

const roleName = (role: string) => (role === "ADMIN" ? "Administrator" : role.charAt(0) + role.slice(1).toLowerCase());

async function Invitation({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await getInviteByToken(token) : ({ kind: "unknown" } as const);
  const signIn = (
    <Link href="/login" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      Go to sign-in
    </Link>
  );
  if (state.kind === "expired") return <DeadLink message="This invitation has expired. Ask whoever invited you for a new one." next={signIn} />;
  if (state.kind === "used") return <DeadLink message="This invitation has already been used. If it was you, sign in." next={signIn} />;
  if (state.kind === "unknown") return <DeadLink message="This invitation link is not valid. Check that you copied all of it, or ask for a new one." next={signIn} />;
  return (
    <>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">
        You are invited to {state.value.siteTitle} as {roleName(state.value.role)}. Choose your name and password.
      </p>
      <SetPasswordForm token={token} email={state.value.email} askName submitLabel="Create account" action={acceptInviteAction} />
    </>
  );
}

export default function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  return (
    <AuthCard title="Join the staff">
      <Suspense fallback={<div className="h-64 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" aria-busy="true" />}>
        <Invitation params={params} />
      </Suspense>
    </AuthCard>
  );
}
