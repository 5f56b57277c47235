"use client";

import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { FormField, FormMessages, UNREACHABLE, firstError, inputClass, type FormMessage } from "./form-field";

export interface PasswordFormProps {
  email: string;
  change: (input: unknown) => Promise<ActionResult<{ endedSessions: number }>>;
}

/** Change your own password: the current one first; other signed-in browsers are signed out. */
export function PasswordForm({ email, change }: PasswordFormProps) {
  const id = useId();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await change({ currentPassword, newPassword }).catch(() => null);
      if (!result || !result.ok) {
        setFieldErrors(result?.fieldErrors ?? {});
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setFieldErrors({});
      setCurrent("");
      setNew("");
      const others = result.data.endedSessions;
      setMessage({ kind: "success", text: `Password changed.${others > 0 ? ` ${others} other signed-in browser${others === 1 ? " was" : "s were"} signed out.` : ""}` });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessages message={message} />
      <div className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <FormField id={`${id}-current`} label="Current password" error={firstError(fieldErrors, "currentPassword")}>
          {(control) => <input {...control} type="password" value={currentPassword} onChange={(event) => setCurrent(event.target.value)} autoComplete="current-password" className={inputClass} />}
        </FormField>
        <FormField
          id={`${id}-new`}
          label="New password"
          error={firstError(fieldErrors, "newPassword")}
          help="At least 10 characters. A few unrelated words make a strong password; avoid the site’s name, your name and your email. Your other signed-in browsers will be signed out."
        >
          {(control) => <input {...control} type="password" value={newPassword} onChange={(event) => setNew(event.target.value)} autoComplete="new-password" className={inputClass} />}
        </FormField>
      </div>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
