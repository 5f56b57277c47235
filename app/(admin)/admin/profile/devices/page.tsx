import type { Metadata } from "next";
import Link from "next/link";
import { DeviceList } from "@/components/auth/device-list";
import { getCurrentSessionId, requireUser } from "@/lib/auth";
import { listOwnSessions } from "@/lib/auth/sessions";
import { revokeDeviceAction, revokeOtherDevicesAction } from "./actions";

export const metadata: Metadata = { title: "Signed-in devices" };

export default async function DevicesPage() {
  const actor = await requireUser();
  const sessions = await listOwnSessions(actor, await getCurrentSessionId());
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2 text-sm">
        <Link href="/admin/profile" className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← Your profile
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold tracking-tight">Signed-in devices</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Browsers signed in to your account. A session ends after 7 days without use and 30 days after signing in.
      </p>
      <DeviceList sessions={sessions} revoke={revokeDeviceAction} revokeOthers={revokeOtherDevicesAction} />
    </div>
  );
}
