"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentSessionId, requireUser } from "@/lib/auth";
import { revokeOtherOwnSessions, revokeOwnSession } from "@/lib/auth/sessions";
import { isDomainError } from "@/lib/errors";

const RevokeDeviceInput = z.object({ sessionId: z.string().min(1).max(100) });

/** Signs one of the actor's other browsers out; the list is shown again either way. */
export async function revokeDeviceAction(formData: FormData): Promise<void> {
  const actor = await requireUser();
  const parsed = RevokeDeviceInput.safeParse({ sessionId: formData.get("sessionId") });
  if (parsed.success) {
    try {
      await revokeOwnSession(actor, parsed.data.sessionId);
    } catch (error) {
      // Already ended (or never the actor's): the list shown next says what is left.
      if (!isDomainError(error)) throw error;
    }
  }
  redirect("/admin/profile/devices");
}

/** Signs out every browser of the actor except the one asking. */
export async function revokeOtherDevicesAction(): Promise<void> {
  const actor = await requireUser();
  const current = await getCurrentSessionId();
  if (current) await revokeOtherOwnSessions(actor, current);
  redirect("/admin/profile/devices");
}
