"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";

export interface ForgotPasswordFormState {
  error?: string;
  sent?: boolean;
  email?: string;
}

export interface ForgotPasswordFormProps {
  action: (previous: ForgotPasswordFormState, formData: FormData) => Promise<ForgotPasswordFormState>;
}

export function ForgotPasswordForm({ action }: ForgotPasswordFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.sent) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
        If {state.email} belongs to a staff account, a link to reset its password is on its way. It works once, for an hour. No e-mail? Ask an
        administrator of the site for a reset link.
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          key={state.email}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base shadow-sm focus:border-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
