"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { PendingInvite } from "@/lib/staff/staff";
import { Button } from "@/components/ui/button";
import { UNREACHABLE } from "../../_components/form-field";
import { roleLabel } from "./role-label";

export interface PendingInvitesProps {
  invites: PendingInvite[];
  revoke: (input: unknown) => Promise<ActionResult>;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function PendingInvites({ invites, revoke }: PendingInvitesProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading" className="mb-3 text-lg font-semibold">
        Pending invitations
      </h2>
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {invites.map((invite) => (
          <li key={invite.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <p className="truncate font-medium">{invite.email}</p>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {roleLabel(invite.role)} · expires {dateFormat.format(invite.expiresAt)}
                {invite.invitedByName ? ` · invited by ${invite.invitedByName}` : ""}
              </p>
            </div>
            {invite.canRevoke && (
              <Button
                variant="danger"
                disabled={pending}
                aria-label={`Revoke the invitation for ${invite.email}`}
                onClick={() =>
                  startTransition(async () => {
                    const result = await revoke({ inviteId: invite.id }).catch(() => null);
                    setError(result?.ok ? null : (result?.error ?? UNREACHABLE));
                    router.refresh();
                  })
                }
              >
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
