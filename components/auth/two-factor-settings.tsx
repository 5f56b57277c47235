"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const inputClass = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

function Message({ state, success }: { state: ActionResult | null; success: string }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-green-700 dark:text-green-400" : "text-sm text-red-700 dark:text-red-400"}>
      {state.ok ? success : state.error}
    </p>
  );
}

/** Turning two-factor off needs a current code (or recovery code) or the password. */
export function TwoFactorDisableForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <Message state={state} success="Two-factor sign-in is off." />
      <div>
        <label htmlFor="disable-code" className="block text-sm font-medium">
          Current code
        </label>
        <input id="disable-code" name="code" autoComplete="one-time-code" className={inputClass} />
      </div>
      <div>
        <label htmlFor="disable-password" className="block text-sm font-medium">
          …or your password
        </label>
        <input id="disable-password" name="password" type="password" autoComplete="current-password" className={inputClass} />
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        Turn off two-factor sign-in
      </Button>
    </form>
  );
}

/** Administrators: require two-factor sign-in of every staff member. */
export function TwoFactorPolicyForm({ action, required }: { action: FormAction; required: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <Message state={state} success="Saved." />
      <input type="hidden" name="required" value={required ? "off" : "on"} />
      <p className="text-sm">{required ? "All staff must use two-factor sign-in." : "Two-factor sign-in is optional for staff."}</p>
      <Button type="submit" disabled={pending}>
        {required ? "Stop requiring it" : "Require it for all staff"}
      </Button>
    </form>
  );
}
