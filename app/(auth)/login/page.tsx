import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

// Static on purpose: the form is in the prerendered HTML, so it works before (and without) JavaScript
// and is never swapped out while someone types. The action reads ?callbackUrl= from the Referer.
export default function LoginPage() {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-zinc-50 px-5 py-16 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">Staff sign-in for Quire.</p>
        <SignInForm action={signInAction} />
        <p className="mt-5 text-center text-sm">
          <Link href="/forgot-password" className="text-indigo-700 hover:underline dark:text-indigo-300">
            Forgot password?
          </Link>
        </p>
      </div>
    </main>
  );
}
