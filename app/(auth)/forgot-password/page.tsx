import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password", robots: { index: false, follow: false } };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Reset your password" intro="Enter the email address of your staff account and we will send you a link to choose a new password.">
      <ForgotPasswordForm action={requestPasswordResetAction} />
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
