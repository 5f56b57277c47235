import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { TwoFactorCodeForm } from "@/components/auth/two-factor-code-form";
import { secondFactorAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in", robots: { index: false, follow: false } };

// Static like the sign-in page: the action reads the pending cookie, so the page needs no request data.
export default function TwoFactorPage() {
  return (
    <AuthCard title="Two-factor sign-in" intro="Your password was right. Now enter the code from your authenticator app.">
      <TwoFactorCodeForm action={secondFactorAction} />
      <p className="mt-5 text-center text-sm">
        <Link href="/login" className="text-indigo-700 hover:underline dark:text-indigo-300">
          Start again
        </Link>
      </p>
    </AuthCard>
  );
}
