import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { can, grantableRoles } from "@/lib/permissions";
import { listPendingInvites, listStaff } from "@/lib/staff/staff";
import { inviteStaffAction, liftLockoutAction, revokeInviteAction } from "./actions";
import { SignInLockouts } from "./_components/sign-in-lockouts";
import { listActiveLockouts } from "@/lib/auth/lockouts";
import { InviteForm } from "./_components/invite-form";
import { PendingInvites } from "./_components/pending-invites";
import { roleLabel } from "./_components/role-label";
import { StaffAvatar } from "@/components/admin/staff-avatar";

export const metadata: Metadata = { title: "Staff" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function StaffPage() {
  const actor = await requireUser();
  // Like tag management: not shown to roles that cannot use it.
  if (!can(actor, "staff.view")) notFound();
  const [staff, invites, lockouts] = await Promise.all([listStaff(actor), listPendingInvites(actor), can(actor, "signin.unlock") ? listActiveLockouts(actor) : null]);
  const roles = grantableRoles(actor);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Staff</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Everyone who can sign in to this site, and invitations not yet accepted.</p>
      </div>
      {roles.length > 0 && <InviteForm roles={roles} invite={inviteStaffAction} />}
      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading" className="mb-3 text-lg font-semibold">
          Members
        </h2>
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {staff.map((member) => {
            const open = member.canManage || member.canEditProfile || member.canTransferOwnership;
            return (
              <li key={member.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="staff-row">
                <StaffAvatar name={member.name} src={member.avatarSrc} size={36} className="hidden sm:inline-flex" />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">
                    {open ? (
                      <Link href={member.isSelf ? "/admin/profile" : `/admin/staff/${member.id}`} className="hover:underline">
                        {member.name}
                      </Link>
                    ) : (
                      member.name
                    )}
                    {member.isSelf && <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
                  </p>
                  <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{member.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  <span className="font-medium">{roleLabel(member.role)}</span>
                  {member.status === "SUSPENDED" ? (
                    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200">Suspended</span>
                  ) : (
                    <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Active</span>
                  )}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {member.lastSeenAt ? (
                      <>
                        Last seen <time dateTime={member.lastSeenAt.toISOString()}>{dateFormat.format(member.lastSeenAt)} UTC</time>
                      </>
                    ) : (
                      "Never signed in"
                    )}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {invites.length > 0 && <PendingInvites invites={invites} revoke={revokeInviteAction} />}
      {lockouts && <SignInLockouts lockouts={lockouts} lift={liftLockoutAction} />}
    </div>
  );
}
