import "server-only";
import { record } from "@/lib/audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail";
import { passwordResetMail } from "@/lib/mail/messages";
import { hashPassword, verifyPassword } from "@/lib/password";
import { assertCan, type Actor } from "@/lib/permissions";
import { getSiteSettings } from "@/lib/site";
import { WeakPasswordError, type LinkState } from "@/lib/staff/invites";
import { passwordProblem } from "@/lib/staff/password-policy";
import { hashLinkToken, newLinkToken } from "@/lib/staff/tokens";
import { absoluteUrl } from "@/lib/urls";
import { revokeSessions } from "@/lib/users";
import type { ChangePasswordInput, ResetPasswordInput } from "@/lib/validations/staff";

/** A link asked for by e-mail lasts an hour; one an administrator makes and passes on by hand, a day. */
export const EMAILED_RESET_LIFETIME_MS = 60 * 60 * 1000;
export const ADMIN_RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const resetPasswordPath = (token: string) => `/reset-password/${token}`;

async function policyProblem(password: string, user: { name: string; email: string }): Promise<string | null> {
  const { title } = await getSiteSettings();
  return passwordProblem(password, { siteTitle: title, name: user.name, email: user.email });
}

async function issueResetLink(userId: string, lifetimeMs: number, now: Date): Promise<{ link: string; expiresAt: Date }> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  // One live link per person: a new one replaces any earlier one.
  await db.$transaction([
    db.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } }),
    db.passwordReset.create({ data: { userId, tokenHash, expiresAt, createdAt: now } }),
  ]);
  return { link: absoluteUrl(resetPasswordPath(token)), expiresAt };
}

/**
 * Changes the actor's own password after checking the current one, and signs out every other session
 * (this one stays). Throws DomainError("INVALID_INPUT" for a wrong current password) or WeakPasswordError.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput, currentSessionId: string | null): Promise<{ endedSessions: number }> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, name: true, email: true, passwordHash: true } });
  if (!user) throw new DomainError("NOT_FOUND", "Your account no longer exists.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError("INVALID_INPUT", "Your current password is not right.");
  }
  const problem = await policyProblem(input.newPassword, user);
  if (problem) throw new WeakPasswordError(problem);
  const passwordHash = await hashPassword(input.newPassword);
  const now = new Date();
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.session.updateMany({ where: { userId: user.id, revokedAt: null, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) }, data: { revokedAt: now } }),
    db.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } }),
  ]);
  await record({ id: user.id, email: user.email }, "password.change", { type: "user", id: user.id, label: user.email }, { endedSessions: ended.count });
  return { endedSessions: ended.count };
}

/**
 * "Forgot password": e-mails a reset link when the address belongs to an active staff member and SMTP
 * is configured; does nothing otherwise. Public; the caller answers the same either way, so the form
 * does not reveal who is on the staff.
 */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  if (!mailConfigured()) return;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, status: true } });
  if (!user || user.status !== "ACTIVE") return;
  const { link, expiresAt } = await issueResetLink(user.id, EMAILED_RESET_LIFETIME_MS, now);
  const { title } = await getSiteSettings();
  await sendMail(passwordResetMail({ to: user.email, siteTitle: title, link, expiresAt }));
}

/**
 * A reset link an administrator makes for someone they manage, to pass on by hand (no e-mail is needed).
 * Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function createPasswordResetLink(actor: Actor, userId: string, now = new Date()): Promise<{ link: string; expiresAt: Date }> {
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
  if (!target) throw new DomainError("NOT_FOUND", "That staff member no longer exists.");
  assertCan(actor, "staff.resetPassword", { userId: target.id, role: target.role });
  const issued = await issueResetLink(target.id, ADMIN_RESET_LIFETIME_MS, now);
  await record(actor, "staff.reset_link", { type: "user", id: target.id });
  return issued;
}

async function findReset(token: string) {
  return db.passwordReset.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, expiresAt: true, usedAt: true, user: { select: { id: true, name: true, email: true, status: true } } },
  });
}

/** What the reset page shows for a token: whose password it sets, or why it no longer works. Public. */
export async function getPasswordResetByToken(token: string, now = new Date()): Promise<LinkState<{ email: string }>> {
  const reset = await findReset(token);
  if (!reset || reset.user.status !== "ACTIVE") return { kind: "unknown" };
  if (reset.usedAt) return { kind: "used" };
  if (reset.expiresAt <= now) return { kind: "expired" };
  return { kind: "valid", value: { email: reset.user.email } };
}

const resetLinkProblem = (kind: "expired" | "used" | "unknown") =>
  new DomainError(
    "INVALID_STATE",
    kind === "expired"
      ? "This reset link has expired. Ask for a new one."
      : kind === "used"
        ? "This reset link has already been used. Ask for a new one if you still need it."
        : "This reset link is not valid. Check that you copied all of it, or ask for a new one.",
  );

/**
 * Sets a new password through a reset link, uses the link up and signs the person out everywhere.
 * Public. Returns their email for signing in. Throws DomainError("INVALID_STATE") or WeakPasswordError.
 */
export async function resetPassword(input: ResetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const reset = await findReset(input.token);
  if (!reset || reset.user.status !== "ACTIVE") throw resetLinkProblem("unknown");
  if (reset.usedAt) throw resetLinkProblem("used");
  if (reset.expiresAt <= now) throw resetLinkProblem("expired");
  const problem = await policyProblem(input.password, reset.user);
  if (problem) throw new WeakPasswordError(problem);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count === 0) throw resetLinkProblem("used");
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash } });
  });
  await revokeSessions(reset.user.id);
  await record({ id: reset.user.id, email: reset.user.email }, "password.reset", { type: "user", id: reset.user.id, label: reset.user.email });
  return { email: reset.user.email };
}
