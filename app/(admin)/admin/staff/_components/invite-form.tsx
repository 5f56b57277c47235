"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { StaffListMember } from "@/lib/staff/staff";

type Role = StaffListMember["role"];
import type { CreatedInvite } from "@/lib/staff/invites";
import { Button } from "@/components/ui/button";
import { FormField, FormMessages, UNREACHABLE, firstError, inputClass, type FormMessage } from "../../_components/form-field";
import { roleLabel } from "./role-label";

export interface InviteFormProps {
  roles: Role[];
  invite: (input: unknown) => Promise<ActionResult<CreatedInvite>>;
}

export function InviteForm({ roles, invite }: InviteFormProps) {
  const id = useId();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("CONTRIBUTOR") ? "CONTRIBUTOR" : roles[0]!);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await invite({ email, role }).catch(() => null);
      if (!result || !result.ok) {
        setFieldErrors(result?.fieldErrors ?? {});
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setFieldErrors({});
      setCreated(result.data);
      setEmail("");
      setMessage({
        kind: "success",
        text: result.data.emailed
          ? `Invitation e-mailed to ${result.data.email}.`
          : `Invitation made for ${result.data.email}.${result.data.mailError ? ` ${result.data.mailError}` : ""} Pass the link below on to them.`,
      });
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 className="text-lg font-semibold">Invite someone</h2>
        <FormMessages message={message} />
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <FormField id={`${id}-email`} label="Email" error={firstError(fieldErrors, "email")}>
            {(control) => <input {...control} type="email" value={email} onChange={(event) => setEmail(event.target.value)} required autoComplete="off" className={inputClass} />}
          </FormField>
          <FormField id={`${id}-role`} label="Role" error={firstError(fieldErrors, "role")}>
            {(control) => (
              <select {...control} value={role} onChange={(event) => setRole(event.target.value as Role)} className={inputClass}>
                {roles.map((option) => (
                  <option key={option} value={option}>
                    {roleLabel(option)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Inviting…" : "Send invitation"}
        </Button>
      </form>
      {created && <InviteLink invite={created} />}
    </div>
  );
}

function InviteLink({ invite }: { invite: CreatedInvite }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const body = (
    <div className="mt-2 flex flex-col gap-2 sm:flex-row">
      <label htmlFor={id} className="sr-only">
        Invitation link for {invite.email}
      </label>
      <input id={id} readOnly value={invite.link} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} mt-0 font-mono text-xs`} />
      <Button
        className="shrink-0 whitespace-nowrap"
        onClick={() =>
          navigator.clipboard?.writeText(invite.link).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "Copied" : "Copy link"}
      </Button>
    </div>
  );
  return (
    <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm dark:border-indigo-900 dark:bg-indigo-950">
      {invite.emailed ? (
        <details>
          <summary className="cursor-pointer">Show the link instead of waiting for the e-mail</summary>
          {body}
        </details>
      ) : (
        <>
          <p>Invitation link for {invite.email}, valid once for 7 days:</p>
          {body}
        </>
      )}
    </div>
  );
}
