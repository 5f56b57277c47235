"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { ActiveLockout } from "@/lib/auth/lockouts";
import { Button } from "@/components/ui/button";
import { UNREACHABLE } from "../../_components/form-field";

export interface SignInLockoutsProps {
  lockouts: ActiveLockout[];
  lift: (input: unknown) => Promise<ActionResult>;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const who = (lockout: ActiveLockout) =>
  lockout.scope === "address" ? "Every account" : lockout.userName ? `${lockout.userName} (${lockout.email})` : (lockout.email ?? "Unknown account");

/** Administrators: sign-in lock-outs still in force, each with Unlock; none is said plainly. */
export function SignInLockouts({ lockouts, lift }: SignInLockoutsProps) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <section aria-labelledby="lockouts-heading">
      <h2 id="lockouts-heading" className="mb-1 text-lg font-semibold">
        Sign-in lock-outs
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        After repeated wrong passwords, sign-in is refused for a while from that address. Unlock only when you know who was trying.
      </p>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "mb-3 text-sm text-green-700 dark:text-green-400" : "mb-3 text-sm text-red-700 dark:text-red-400"}>
          {message.text}
        </p>
      )}
      {lockouts.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No account or address is locked out.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {lockouts.map((lockout) => (
            <li key={lockout.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="lockout-row">
              <div className="min-w-0">
                <p className="font-medium break-words">{who(lockout)}</p>
                <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">
                  From {lockout.address} · until <time dateTime={lockout.lockedUntil.toISOString()}>{dateFormat.format(lockout.lockedUntil)} UTC</time>
                </p>
              </div>
              <Button
                variant="secondary"
                disabled={pending}
                aria-label={`Unlock ${lockout.scope === "address" ? `address ${lockout.address}` : (lockout.email ?? lockout.address)}`}
                onClick={() =>
                  startTransition(async () => {
                    const result = await lift({ lockoutId: lockout.id }).catch(() => null);
                    setMessage(result?.ok ? { ok: true, text: "Unlocked. The next sign-in attempt is checked as usual." } : { ok: false, text: result?.error ?? UNREACHABLE });
                    router.refresh();
                  })
                }
              >
                Unlock
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
