import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProfileForm } from "../_components/profile-form";
import { requireUser } from "@/lib/auth";
import { getEditableProfile } from "@/lib/users";
import { updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Your profile" };

export default async function OwnProfilePage() {
  const actor = await requireUser();
  const profile = await getEditableProfile(actor, actor.id);
  if (!profile) notFound();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-2xl font-bold tracking-tight">Your profile</h1>
      <ProfileForm key={profile.id} profile={profile} save={updateProfileAction} />
    </div>
  );
}
