"use server";

import { signOutUser } from "@/lib/auth";

export async function signOutAction(): Promise<void> {
  await signOutUser();
}
