"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { EnrolmentStart } from "@/components/auth/two-factor-enrolment";
import { getSessionUser } from "@/lib/auth";
import { confirmEnrolment, disableTwoFactor, setTwoFactorRequired, startEnrolment } from "@/lib/auth/two-factor";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { DomainError } from "@/lib/errors";

// These actions stay open to a signed-in user who has not enrolled yet (requireActionUser would refuse
// them while the site requires two-factor sign-in), so they read the session user themselves.
async function sessionUser() {
  const user = await getSessionUser();
  if (!user) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return user;
}

export async function startEnrolmentAction(): Promise<ActionResult<EnrolmentStart>> {
  try {
    const { secret, qrSvg } = await startEnrolment(await sessionUser());
    return { ok: true, data: { secret, qrSvg } };
  } catch (error) {
    return toActionError(error);
  }
}

const Code = z.string().trim().min(6, "Enter the 6-digit code from your app.").max(32);

export async function confirmEnrolmentAction(code: string): Promise<ActionResult<string[]>> {
  const parsed = Code.safeParse(code);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const codes = await confirmEnrolment(await sessionUser(), parsed.data);
    // No revalidatePath here: refreshing the page would render it as "on" and unmount the enrolment
    // form before it shows the recovery codes, which exist only in this response. Its "continue"
    // link reloads the page.
    return { ok: true, data: codes };
  } catch (error) {
    return toActionError(error);
  }
}

const DisableInput = z.object({ code: z.string().trim().max(32).optional(), password: z.string().max(1024).optional() });

export async function disableTwoFactorAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = DisableInput.safeParse({ code: formData.get("code") || undefined, password: formData.get("password") || undefined });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await disableTwoFactor(await sessionUser(), parsed.data);
    revalidatePath("/admin/profile/two-factor");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setTwoFactorRequiredAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = z.enum(["on", "off"]).safeParse(formData.get("required"));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await setTwoFactorRequired(await sessionUser(), parsed.data === "on");
    revalidatePath("/admin/profile/two-factor");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
