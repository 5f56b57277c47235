"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { StaffListMember } from "@/lib/staff/staff";

type Role = StaffListMember["role"];
import { Button } from "@/components/ui/button";
import { FormMessages, UNREACHABLE, inputClass, type FormMessage } from "../../_components/form-field";
import { roleLabel } from "./role-label";

type Call<T = void> = (input: unknown) => Promise<ActionResult<T>>;

export interface StaffManageProps {
  member: StaffListMember;
  heirs: { id: string; name: string; email: string }[];
  defaultHeirId: string;
  actions: {
    changeRole: Call;
    suspend: Call;
    unsuspend: Call;
    resetLink: Call<{ link: string; expiresAt: Date }>;
    transfer: Call;
    remove: Call<{ reassigned: number }>;
  };
}

export function StaffManage({ member, heirs, defaultHeirId, actions }: StaffManageProps) {
  const id = useId();
  const router = useRouter();
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [role, setRole] = useState<Role>(member.role);
  const [heir, setHeir] = useState(heirs.some((h) => h.id === defaultHeirId) ? defaultHeirId : (heirs[0]?.id ?? ""));
  const [resetLink, setResetLink] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = <T,>(call: () => Promise<ActionResult<T>>, success: (data: T) => string, after?: (data: T) => void) => {
    setMessage(null);
    startTransition(async () => {
      const result = await call().catch(() => null);
      if (!result || !result.ok) {
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setMessage({ kind: "success", text: success(result.data) });
      after?.(result.data);
      router.refresh();
    });
  };

  const target = { userId: member.id };
  const card = "space-y-3 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";
  if (!member.canManage && member.assignableRoles.length === 0 && !member.canTransferOwnership) return null;

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Access
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {member.email} · {roleLabel(member.role)} · {member.status === "SUSPENDED" ? "Suspended" : "Active"}
      </p>
      <FormMessages message={message} />

      {member.assignableRoles.length > 0 && (
        <form
          className={card}
          onSubmit={(event) => {
            event.preventDefault();
            run(() => actions.changeRole({ ...target, role }), () => `${member.name} is now ${roleLabel(role)}. It applies from their next click.`);
          }}
        >
          <label htmlFor={`${id}-role`} className="block text-sm font-medium">
            Role
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)} className={`${inputClass} mt-0 sm:max-w-xs`}>
              {!member.assignableRoles.includes(member.role) && <option value={member.role}>{roleLabel(member.role)}</option>}
              {member.assignableRoles.map((option) => (
                <option key={option} value={option}>
                  {roleLabel(option)}
                </option>
              ))}
            </select>
            <Button type="submit" disabled={pending || role === member.role}>
              Change role
            </Button>
          </div>
        </form>
      )}

      {member.canManage && (
        <div className={card}>
          <h3 className="text-sm font-medium">{member.status === "SUSPENDED" ? "Suspended" : "Suspend"}</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {member.status === "SUSPENDED"
              ? "They cannot sign in. Their posts stay as they are."
              : "Signs them out on every device at once and stops them signing in. Their posts stay as they are."}
          </p>
          {member.status === "SUSPENDED" ? (
            <Button disabled={pending} onClick={() => run(() => actions.unsuspend(target), () => `${member.name} can sign in again.`)}>
              Unsuspend
            </Button>
          ) : (
            <Button variant="danger" disabled={pending} onClick={() => run(() => actions.suspend(target), () => `${member.name} is suspended and signed out everywhere.`)}>
              Suspend {member.name}
            </Button>
          )}
        </div>
      )}

      {member.canResetPassword && (
        <div className={card}>
          <h3 className="text-sm font-medium">Password reset link</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">A link for {member.name} to choose a new password; it works once, for 24 hours. Pass it on privately.</p>
          <Button disabled={pending} onClick={() => run(() => actions.resetLink(target), () => "Reset link made.", (data) => setResetLink(data.link))}>
            Make reset link
          </Button>
          {resetLink && (
            <>
              <label htmlFor={`${id}-reset`} className="sr-only">
                Reset link for {member.name}
              </label>
              <input id={`${id}-reset`} readOnly value={resetLink} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
            </>
          )}
        </div>
      )}

      {member.canTransferOwnership && (
        <div className={card}>
          <h3 className="text-sm font-medium">Transfer ownership</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{member.name} becomes the owner; you become an administrator. Only the new owner can undo this.</p>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Make ${member.name} the owner of this site? You will become an administrator.`)) {
                run(() => actions.transfer(target), () => `${member.name} is now the owner.`);
              }
            }}
          >
            Make {member.name} the owner
          </Button>
        </div>
      )}

      {member.canManage && (
        <form
          className={card}
          onSubmit={(event) => {
            event.preventDefault();
            if (!window.confirm(`Delete ${member.name}? This cannot be undone.`)) return;
            run(
              () => actions.remove({ ...target, reassignTo: heir }),
              (data) => `${member.name} was deleted; ${data.reassigned} post${data.reassigned === 1 ? "" : "s"} moved.`,
              () => router.push("/admin/staff"),
            );
          }}
        >
          <h3 className="text-sm font-medium">Delete {member.name}</h3>
          <label htmlFor={`${id}-heir`} className="block text-sm text-zinc-600 dark:text-zinc-400">
            Give their posts to
          </label>
          <select id={`${id}-heir`} value={heir} onChange={(event) => setHeir(event.target.value)} className={`${inputClass} sm:max-w-xs`}>
            {heirs.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} ({option.email})
              </option>
            ))}
          </select>
          <Button type="submit" variant="danger" disabled={pending || !heir}>
            Delete and move posts
          </Button>
        </form>
      )}
    </section>
  );
}
