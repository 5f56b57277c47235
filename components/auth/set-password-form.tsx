"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";

export interface PasswordFormState {
  error?: string;
  /** The field the error belongs to. */
  field?: "name" | "password";
  name?: string;
  /** The link no longer works: the form is replaced by the message. */
  linkDead?: boolean;
}

export interface SetPasswordFormProps {
  token: string;
  email: string;
  /** Ask for a name too (accepting an invitation). */
  askName?: boolean;
  submitLabel: string;
  action: (previous: PasswordFormState, formData: FormData) => Promise<PasswordFormState>;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base shadow-sm focus:border-indigo-500 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

/** Name (optional) and a new password, for accepting an invitation or using a reset link. */
export function SetPasswordForm({ token, email, askName = false, submitLabel, action }: SetPasswordFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.linkDead) {
    return (
      <div className="space-y-4">
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
        <Link href="/login" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Go to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error && !state.field && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Account: <span className="font-medium text-zinc-900 dark:text-zinc-100">{email}</span>
      </p>
      {askName && (
        <div>
          <label htmlFor="name" className="block text-sm font-medium">
            Your name
          </label>
          <input
            key={state.name}
            id="name"
            name="name"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={state.name}
            aria-invalid={state.field === "name" ? true : undefined}
            aria-describedby={state.field === "name" ? "name-error" : undefined}
            className={inputClass}
          />
          {state.field === "name" && (
            <p id="name-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {state.error}
            </p>
          )}
        </div>
      )}
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          New password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          aria-invalid={state.field === "password" ? true : undefined}
          aria-describedby={state.field === "password" ? "password-error password-help" : "password-help"}
          className={inputClass}
        />
        {state.field === "password" && (
          <p id="password-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {state.error}
          </p>
        )}
        <p id="password-help" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          At least 10 characters. A few unrelated words make a strong password that is easy to remember; avoid the site’s name, your name and your email.
        </p>
      </div>
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
