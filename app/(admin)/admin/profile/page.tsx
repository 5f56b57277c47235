import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PasswordForm } from "../_components/password-form";
import { ProfileForm } from "../_components/profile-form";
import { AvatarField } from "@/components/admin/avatar-field";
import { getEditableAvatarSrc } from "@/lib/staff/avatar";
import { requireUser } from "@/lib/auth";
import { getEditableProfile } from "@/lib/users";
import { changePasswordAction, removeAvatarAction, updateProfileAction, uploadAvatarAction } from "./actions";

export const metadata: Metadata = { title: "Your profile" };

export default async function OwnProfilePage() {
  const actor = await requireUser();
  const [profile, avatar] = await Promise.all([getEditableProfile(actor, actor.id), getEditableAvatarSrc(actor, actor.id)]);
  if (!profile) notFound();
  return (
    <div className="mx-auto max-w-2xl">
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Your profile</h1>
        <Link href="/admin/profile/devices" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
          Signed-in devices
        </Link>
        <Link href="/admin/profile/two-factor" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
          Two-factor sign-in
        </Link>
      </div>
      <AvatarField userId={profile.id} name={profile.name} src={avatar} upload={uploadAvatarAction} remove={removeAvatarAction} />
      <ProfileForm key={profile.id} profile={profile} save={updateProfileAction} />
      <section aria-labelledby="password-heading" className="mt-10">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">
          Password
        </h2>
        <PasswordForm email={profile.email} change={changePasswordAction} />
      </section>
    </div>
  );
}
