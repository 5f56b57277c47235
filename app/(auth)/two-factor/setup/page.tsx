import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { TwoFactorEnrolment } from "@/components/auth/two-factor-enrolment";
import { requireUserForTwoFactorSetup } from "@/lib/auth";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { confirmEnrolmentAction, startEnrolmentAction } from "@/app/(admin)/admin/profile/two-factor/actions";

export const metadata: Metadata = { title: "Set up two-factor sign-in", robots: { index: false, follow: false } };

/** Reads the session, so it streams inside Suspense (the card around it is static). */
async function Enrolment() {
  const user = await requireUserForTwoFactorSetup();
  if ((await getTwoFactorStatus(user)).enabled) redirect("/admin");
  return <TwoFactorEnrolment start={startEnrolmentAction} confirm={confirmEnrolmentAction} doneHref="/admin" />;
}

/** Where requireUser sends staff without two-factor while the site requires it; nothing else is reachable. */
export default function TwoFactorSetupPage() {
  return (
    <AuthCard title="Set up two-factor sign-in" intro="This site requires two-factor sign-in for all staff. Set it up to continue.">
      <Suspense fallback={<p className="text-sm">Loading…</p>}>
        <Enrolment />
      </Suspense>
    </AuthCard>
  );
}
