"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";

export interface TwoFactorCodeState {
  error?: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base tracking-widest shadow-sm focus:border-indigo-500 dark:border-zinc-700 dark:bg-zinc-900";

/** The second step of sign-in: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorCodeForm({ action }: { action: (previous: TwoFactorCodeState, formData: FormData) => Promise<TwoFactorCodeState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Authentication code
        </label>
        <input id="code" name="code" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} required autoFocus className={inputClass} />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">The 6-digit code from your authenticator app, or one of your recovery codes.</p>
      </div>
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
