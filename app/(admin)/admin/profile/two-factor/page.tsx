import type { Metadata } from "next";
import { TwoFactorEnrolment } from "@/components/auth/two-factor-enrolment";
import { TwoFactorDisableForm, TwoFactorPolicyForm } from "@/components/auth/two-factor-settings";
import { requireUser } from "@/lib/auth";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { can } from "@/lib/permissions";
import { confirmEnrolmentAction, disableTwoFactorAction, setTwoFactorRequiredAction, startEnrolmentAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorSettingsPage() {
  const user = await requireUser();
  const status = await getTwoFactorStatus(user);
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-bold tracking-tight">Two-factor sign-in</h1>
      <section className="space-y-3">
        {status.enabled ? (
          <>
            <p className="text-sm">
              Two-factor sign-in is <strong>on</strong>. {status.recoveryCodesLeft} of 10 recovery codes left.
            </p>
            <TwoFactorDisableForm action={disableTwoFactorAction} />
          </>
        ) : (
          <>
            <p className="text-sm">After your password, sign-in will ask for a code from an authenticator app on your phone.</p>
            <TwoFactorEnrolment start={startEnrolmentAction} confirm={confirmEnrolmentAction} doneHref="/admin/profile/two-factor" />
          </>
        )}
      </section>
      {can(user, "site.manage") && (
        <section className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h2 className="text-lg font-semibold">For all staff</h2>
          <TwoFactorPolicyForm action={setTwoFactorRequiredAction} required={status.requiredBySite} />
        </section>
      )}
    </div>
  );
}
