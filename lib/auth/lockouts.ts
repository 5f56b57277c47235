import "server-only";
import { record } from "@/lib/audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/permissions";
import type { LockoutScope, LockoutStarted, SignInThrottle } from "@/lib/auth/throttle";

/** A lock-out in force, as the staff page lists it for administrators. */
export interface ActiveLockout {
  id: string;
  scope: LockoutScope;
  /** The account tried; null when the address is locked out whatever the account. */
  email: string | null;
  /** The staff member with that e-mail, when there is one (a lock-out may name an unknown address). */
  userName: string | null;
  address: string;
  lockedUntil: Date;
  startedAt: Date;
}

/**
 * Remembers a lock-out as it starts, in clear (the throttle's own counters are keyed by HMACs), so that
 * administrators can see it and lift it; and writes it to the audit log. Called by the throttle.
 */
export async function recordLockout(lockout: LockoutStarted, now = new Date()): Promise<void> {
  const lockedUntil = new Date(now.getTime() + lockout.seconds * 1000);
  await db.signInLockout.create({ data: { scope: lockout.scope, email: lockout.email, address: lockout.address, lockedUntil, createdAt: now } });
  await record(
    lockout.email ? { email: lockout.email } : null,
    "auth.lockout",
    lockout.email ? { type: "user", label: lockout.email } : null,
    { scope: lockout.scope, address: lockout.address, minutes: Math.ceil(lockout.seconds / 60) },
    { address: lockout.address },
  );
}

/** Lock-outs still in force, latest end first, one per account and address. Administrators only: throws DomainError("FORBIDDEN"). */
export async function listActiveLockouts(actor: Actor, now = new Date()): Promise<ActiveLockout[]> {
  assertCan(actor, "signin.unlock");
  const rows = await db.signInLockout.findMany({
    where: { lockedUntil: { gt: now }, liftedAt: null },
    orderBy: [{ lockedUntil: "desc" }, { id: "asc" }],
    take: 200,
  });
  const seen = new Set<string>();
  const latest = rows.filter((row) => {
    const key = `${row.scope}\n${row.email ?? ""}\n${row.address}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const emails = [...new Set(latest.flatMap((row) => (row.email ? [row.email] : [])))];
  const users = emails.length ? await db.user.findMany({ where: { email: { in: emails, mode: "insensitive" } }, select: { email: true, name: true } }) : [];
  const nameOf = new Map(users.map((user) => [user.email.toLowerCase(), user.name]));
  return latest.map((row) => ({
    id: row.id,
    scope: row.scope === "address" ? "address" : "account_address",
    email: row.email,
    userName: row.email ? (nameOf.get(row.email) ?? null) : null,
    address: row.address,
    lockedUntil: row.lockedUntil,
    startedAt: row.createdAt,
  }));
}

/**
 * Lifts a lock-out: its counters in the throttle's store are forgotten, so the next attempt is checked
 * as a first one, and every open record of the same account and address is closed. Administrators only.
 * Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function liftLockout(actor: Actor, lockoutId: string, throttle: SignInThrottle, now = new Date()): Promise<void> {
  assertCan(actor, "signin.unlock");
  const row = await db.signInLockout.findUnique({ where: { id: lockoutId } });
  if (!row || row.liftedAt || row.lockedUntil <= now) throw new DomainError("NOT_FOUND", "That lock-out has already ended.");
  if (row.scope === "address") await throttle.clearAddress(row.address);
  else await throttle.clear(row.email ?? "", row.address);
  await db.signInLockout.updateMany({
    where: { scope: row.scope, email: row.email, address: row.address, liftedAt: null },
    data: { liftedAt: now, liftedById: actor.id },
  });
  await record(actor, "auth.unlock", row.email ? { type: "user", label: row.email } : null, { scope: row.scope, address: row.address });
}
