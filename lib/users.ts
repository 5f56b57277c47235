import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/password";

/** The signed-in staff member, as every permission check sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

// Verifying against a real hash when the email is unknown keeps response times alike for both cases.
let dummyHash: Promise<string> | undefined;

/** The user's id and token version when email and password match, else null. */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; tokenVersion: number } | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, passwordHash: true, tokenVersion: true },
  });
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id, tokenVersion: user.tokenVersion } : null;
}

/** The staff member behind a session token, or null when the user is gone or the token was revoked. */
export async function getUserForSession(id: string, tokenVersion: number): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, tokenVersion: true },
  });
  if (!user || user.tokenVersion !== tokenVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Ends every session of the user at their next request. */
export async function revokeSessions(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
}
