import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProfileForm } from "../../_components/profile-form";
import { requireUser } from "@/lib/auth";
import { getEditableProfile } from "@/lib/users";
import { updateProfileAction } from "../../profile/actions";

export const metadata: Metadata = { title: "Staff profile" };

interface Props {
  params: Promise<{ id: string }>;
}

/** Any staff member's profile, for admins and the owner (and for each member, their own). */
export default async function StaffProfilePage({ params }: Props) {
  const [{ id }, actor] = await Promise.all([params, requireUser()]);
  const profile = await getEditableProfile(actor, id);
  // Someone else's profile the actor may not edit looks exactly like one that does not exist.
  if (!profile) notFound();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-2xl font-bold tracking-tight">{profile.id === actor.id ? "Your profile" : `Profile of ${profile.name}`}</h1>
      <ProfileForm key={profile.id} profile={profile} save={updateProfileAction} />
    </div>
  );
}
