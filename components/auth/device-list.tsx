import { Button } from "@/components/ui/button";
import type { DeviceSession } from "@/lib/auth/sessions";
import { deviceLabel } from "@/lib/auth/device-label";

export interface DeviceListProps {
  sessions: DeviceSession[];
  /** Posts `sessionId`; signs that browser out. */
  revoke: (formData: FormData) => Promise<void>;
  /** Signs out every browser except this one (own list only). */
  revokeOthers?: () => Promise<void>;
  /** For another staff member's list: posted with each sign-out as `userId`. */
  userId?: string;
}

const when = (date: Date) =>
  `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** The staff member's signed-in browsers, each with a sign-out button; plain forms, so it works without JavaScript. */
export function DeviceList({ sessions, revoke, revokeOthers, userId }: DeviceListProps) {
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      <ul aria-label="Signed-in devices" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="text-sm">
              <p className="font-medium">
                {deviceLabel(session.userAgent)}
                {session.current && (
                  <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                    This device
                  </span>
                )}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {session.ip ?? "Address unknown"} · signed in {when(session.createdAt)} · last active {when(session.lastSeenAt)}
              </p>
            </div>
            {!session.current && (
              <form action={revoke}>
                <input type="hidden" name="sessionId" value={session.id} />
                {userId && <input type="hidden" name="userId" value={userId} />}
                <Button type="submit" variant="danger" aria-label={`Sign out ${deviceLabel(session.userAgent)}, last active ${when(session.lastSeenAt)}`}>
                  Sign out
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {sessions.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">Not signed in anywhere.</p>}
      {revokeOthers && others > 0 && (
        <form action={revokeOthers}>
          <Button type="submit" variant="secondary">
            Sign out all other devices
          </Button>
        </form>
      )}
    </div>
  );
}
