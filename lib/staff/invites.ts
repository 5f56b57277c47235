import "server-only";
import { record } from "@/lib/audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { mailConfigured, sendMail } from "@/lib/mail";
import { inviteMail } from "@/lib/mail/messages";
import { hashPassword } from "@/lib/password";
import { assertCan, type Actor } from "@/lib/permissions";
import { getSiteSettings } from "@/lib/site";
import { slugify, uniqueSlug } from "@/lib/slug";
import { passwordProblem } from "@/lib/staff/password-policy";
import { hashLinkToken, newLinkToken } from "@/lib/staff/tokens";
import { absoluteUrl } from "@/lib/urls";
import type { AcceptInviteInput, InviteStaffInput } from "@/lib/validations/staff";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const invitePath = (token: string) => `/invite/${token}`;

export interface CreatedInvite {
  email: string;
  role: Role;
  /** The link to pass on; shown to the inviter whether or not it was e-mailed. */
  link: string;
  expiresAt: Date;
  /** Whether an e-mail with the link went out; false without SMTP or when the server refused it. */
  emailed: boolean;
  /** Why the e-mail could not be sent, when SMTP is configured but failed. */
  mailError: string | null;
}

/**
 * Invites someone to the staff with a role the actor may grant. The link is single-use and lasts 7
 * days; an earlier pending invitation of the same address stops working. Throws DomainError("FORBIDDEN"
 * | "CONFLICT" when the address already belongs to staff).
 */
export async function createInvite(actor: Actor & { name: string }, input: InviteStaffInput, now = new Date()): Promise<CreatedInvite> {
  assertCan(actor, "staff.invite", { invitedRole: input.role });
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new DomainError("CONFLICT", "Someone on the staff already uses that email address.");
  }
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  await db.$transaction([
    db.staffInvite.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } }),
    db.staffInvite.create({ data: { email: input.email, role: input.role, tokenHash, invitedById: actor.id, expiresAt, createdAt: now } }),
  ]);
  const link = absoluteUrl(invitePath(token));
  await record(actor, "staff.invite", { type: "invite", label: input.email }, { role: input.role });
  if (!mailConfigured()) return { email: input.email, role: input.role, link, expiresAt, emailed: false, mailError: null };
  try {
    const { title } = await getSiteSettings();
    await sendMail(inviteMail({ to: input.email, siteTitle: title, inviterName: actor.name, role: input.role, link, expiresAt }));
    return { email: input.email, role: input.role, link, expiresAt, emailed: true, mailError: null };
  } catch (error) {
    console.error(error);
    return { email: input.email, role: input.role, link, expiresAt, emailed: false, mailError: "The mail server did not take the message." };
  }
}

/** Stops a pending invitation working. Throws DomainError("FORBIDDEN" | "NOT_FOUND"). */
export async function revokeInvite(actor: Actor, inviteId: string, now = new Date()): Promise<void> {
  const invite = await db.staffInvite.findUnique({ where: { id: inviteId }, select: { id: true, role: true, acceptedAt: true, revokedAt: true } });
  if (!invite || invite.acceptedAt || invite.revokedAt) throw new DomainError("NOT_FOUND", "That invitation is no longer pending.");
  assertCan(actor, "staff.invite", { invitedRole: invite.role });
  await db.staffInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { revokedAt: now } });
  await record(actor, "staff.invite_revoke", { type: "invite", id: invite.id });
}

export type LinkState<T> = { kind: "valid"; value: T } | { kind: "expired" } | { kind: "used" } | { kind: "unknown" };

/** What the invitation page shows for a token: who it is for, or why it no longer works. Public. */
export async function getInviteByToken(token: string, now = new Date()): Promise<LinkState<{ email: string; role: Role; siteTitle: string }>> {
  const invite = await db.staffInvite.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true } });
  if (!invite || invite.revokedAt) return { kind: "unknown" };
  if (invite.acceptedAt) return { kind: "used" };
  if (invite.expiresAt <= now) return { kind: "expired" };
  const { title } = await getSiteSettings();
  return { kind: "valid", value: { email: invite.email, role: invite.role, siteTitle: title } };
}

const linkProblem = (kind: "expired" | "used" | "unknown") =>
  new DomainError(
    "INVALID_STATE",
    kind === "expired"
      ? "This invitation has expired. Ask whoever invited you for a new one."
      : kind === "used"
        ? "This invitation has already been used. Sign in instead, or ask for a new one."
        : "This invitation link is not valid. Check that you copied all of it, or ask for a new one.",
  );

/** Raised for a password that fails the policy; the message is meant for the password field. */
export class WeakPasswordError extends DomainError {
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
}

/**
 * Accepts an invitation: creates the staff member with the invited role, name and password, and uses
 * up the link. Public. Returns the new member's email for signing in. Throws DomainError("INVALID_STATE"
 * for an expired, used or unknown link | "CONFLICT") or WeakPasswordError.
 */
export async function acceptInvite(input: AcceptInviteInput, now = new Date()): Promise<{ userId: string; email: string }> {
  const tokenHash = hashLinkToken(input.token);
  const invite = await db.staffInvite.findUnique({ where: { tokenHash }, select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true } });
  if (!invite || invite.revokedAt) throw linkProblem("unknown");
  if (invite.acceptedAt) throw linkProblem("used");
  if (invite.expiresAt <= now) throw linkProblem("expired");
  const { title } = await getSiteSettings();
  const problem = passwordProblem(input.password, { siteTitle: title, name: input.name, email: invite.email });
  if (problem) throw new WeakPasswordError(problem);

  const passwordHash = await hashPassword(input.password);
  const taken = async (slug: string) => (await db.user.findUnique({ where: { slug }, select: { id: true } })) !== null;
  const slug = await uniqueSlug(slugify(input.name) || "staff", taken);
  const accepted = await db.$transaction(async (tx) => {
    // The accepted_at condition makes the link single-use even for two submissions at once.
    const claimed = await tx.staffInvite.updateMany({ where: { id: invite.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } });
    if (claimed.count === 0) throw linkProblem("used");
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } })) {
      throw new DomainError("CONFLICT", "An account with this email address already exists. Sign in instead.");
    }
    const user = await tx.user.create({ data: { email: invite.email, name: input.name, slug, passwordHash, role: invite.role }, select: { id: true, email: true } });
    return { userId: user.id, email: user.email };
  });
  await record({ id: accepted.userId, email: accepted.email }, "staff.invite_accept", { type: "invite", id: invite.id }, { role: invite.role });
  return accepted;
}
