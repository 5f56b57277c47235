import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuthCard, DeadLink } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { getPasswordResetByToken } from "@/lib/staff/passwords";
import { resetPasswordAction } from "./actions";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false, follow: false }, referrer: "no-referrer" };

async function ResetForm({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await getPasswordResetByToken(token) : ({ kind: "unknown" } as const);
  const again = (
    <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      Ask for a new link
    </Link>
  );
  if (state.kind === "expired") return <DeadLink message="This reset link has expired." next={again} />;
  if (state.kind === "used") return <DeadLink message="This reset link has already been used." next={again} />;
  if (state.kind === "unknown") return <DeadLink message="This reset link is not valid. Check that you copied all of it." next={again} />;
  return <SetPasswordForm token={token} email={state.value.email} submitLabel="Set new password" action={resetPasswordAction} />;
}

export default function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return (
    <AuthCard title="Choose a new password">
      <Suspense fallback={<div className="h-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" aria-busy="true" />}>
        <ResetForm params={params} />
      </Suspense>
    </AuthCard>
  );
}
