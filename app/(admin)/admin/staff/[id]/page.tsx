import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProfileForm } from "../../_components/profile-form";
import { requireUser } from "@/lib/auth";
import { listPostHeirs, getStaffMember } from "@/lib/staff/staff";
import { getEditableProfile } from "@/lib/users";
import { removeAvatarAction, updateProfileAction, uploadAvatarAction } from "../../profile/actions";
import { AvatarField } from "@/components/admin/avatar-field";
import { getEditableAvatarSrc } from "@/lib/staff/avatar";
import { DeviceList } from "@/components/auth/device-list";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { listStaffSessions } from "@/lib/auth/sessions";
import { can } from "@/lib/permissions";
import {
  changeStaffRoleAction,
  createResetLinkAction,
  deleteStaffAction,
  suspendStaffAction,
  transferOwnershipAction,
  revokeAllStaffDevicesAction,
  revokeStaffDeviceAction,
  unsuspendStaffAction,
} from "../actions";
import { StaffManage } from "../_components/staff-manage";

export const metadata: Metadata = { title: "Staff member" };

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ signedOut?: string | string[] }>;
}

/** A staff member's profile and what the actor may do to them (role, suspension, reset link, deletion, ownership). */
export default async function StaffMemberPage({ params, searchParams }: Props) {
  const [{ id }, { signedOut }, actor] = await Promise.all([params, searchParams, requireUser()]);
  const member = await getStaffMember(actor, id);
  const canAct = member && (member.canManage || member.assignableRoles.length > 0 || member.canTransferOwnership || member.canEditProfile);
  // Someone the actor may neither edit nor manage looks exactly like someone who does not exist.
  if (!member || !canAct) notFound();
  const canRevoke = !member.isSelf && can(actor, "staff.revokeSessions", { userId: id, role: member.role });
  const [profile, heirs, avatar, sessions] = await Promise.all([
    member.canEditProfile ? getEditableProfile(actor, id) : null,
    member.canManage ? listPostHeirs(actor, id) : [],
    getEditableAvatarSrc(actor, id),
    can(actor, "staff.viewSessions", { userId: id, role: member.role }) ? listStaffSessions(actor, id) : null,
  ]);
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-2xl font-bold tracking-tight">{member.isSelf ? "Your profile" : member.name}</h1>
      <StaffManage
        member={member}
        heirs={heirs}
        defaultHeirId={actor.id === id ? "" : actor.id}
        actions={{
          changeRole: changeStaffRoleAction,
          suspend: suspendStaffAction,
          unsuspend: unsuspendStaffAction,
          resetLink: createResetLinkAction,
          transfer: transferOwnershipAction,
          remove: deleteStaffAction,
        }}
      />
      {(sessions || canRevoke) && (
        <section aria-labelledby="devices-heading" className="space-y-4">
          <h2 id="devices-heading" className="text-lg font-semibold">
            Signed-in devices
          </h2>
          {sessions && <DeviceList sessions={sessions} revoke={revokeStaffDeviceAction} userId={id} />}
          {signedOut === "1" && (
            <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
              Signed out of all devices.
            </p>
          )}
          {canRevoke && (!sessions || sessions.length > 0) && <SignOutEverywhere userId={id} name={member.name} revokeAll={revokeAllStaffDevicesAction} />}
        </section>
      )}
      {profile && (
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
            Profile
          </h2>
          <AvatarField userId={profile.id} name={profile.name} src={avatar} upload={uploadAvatarAction} remove={removeAvatarAction} />
          <ProfileForm key={profile.id} profile={profile} save={updateProfileAction} />
        </section>
      )}
    </div>
  );
}
