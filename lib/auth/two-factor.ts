import "server-only";
import QRCode from "qrcode";
import { record } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { verifyPassword } from "@/lib/password";
import { assertCan, type Actor } from "@/lib/permissions";
import {
  decryptSecret,
  deriveKey,
  encryptSecret,
  hashRecoveryCode,
  isRecoveryCodeShape,
  newRecoveryCodes,
  newTotpSecret,
  readPendingSignIn,
  signPendingSignIn,
  totpUri,
  verifyTotp,
  type PendingSignIn,
} from "@/lib/auth/two-factor-crypto";

const secretKey = () => deriveKey(env.AUTH_SECRET, "totp-secret");
const pendingKey = () => deriveKey(env.AUTH_SECRET, "two-factor-pending");

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Whether an Administrator requires two-factor sign-in for all staff. */
  requiredBySite: boolean;
}

export async function isTwoFactorRequired(): Promise<boolean> {
  const policy = await db.twoFactorPolicy.findUnique({ where: { id: 1 }, select: { required: true } });
  return policy?.required ?? false;
}

/** Administrators only: require (or stop requiring) two-factor sign-in for every staff member. */
export async function setTwoFactorRequired(actor: Actor, required: boolean): Promise<void> {
  assertCan(actor, "site.manage");
  await db.twoFactorPolicy.upsert({ where: { id: 1 }, create: { id: 1, required }, update: { required } });
  await record(actor, "settings.update", { type: "settings", label: "Two-factor sign-in for all staff" }, { twoFactorRequired: required });
}

export async function getTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const [user, left, requiredBySite] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { twoFactorEnabledAt: true, twoFactorSecret: true } }),
    db.twoFactorRecoveryCode.count({ where: { userId: actor.id, usedAt: null } }),
    isTwoFactorRequired(),
  ]);
  const enabled = user.twoFactorSecret !== null;
  return { enabled, enabledAt: enabled ? user.twoFactorEnabledAt : null, recoveryCodesLeft: enabled ? left : 0, requiredBySite };
}

/** Whether this user must still set up two-factor sign-in before using the admin. */
export async function needsTwoFactorEnrolment(userId: string): Promise<boolean> {
  if (!(await isTwoFactorRequired())) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { twoFactorSecret: true } });
  return !!user && user.twoFactorSecret === null;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as an SVG QR code, made on the server (no third party sees the secret). */
  qrSvg: string;
}

/** A new secret to scan; kept (encrypted) as pending until a code from it is confirmed. */
export async function startEnrolment(actor: Actor): Promise<Enrolment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, twoFactorSecret: true } });
  if (user.twoFactorSecret) throw new DomainError("CONFLICT", "Two-factor sign-in is already on. Turn it off first to set up a new authenticator.");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: actor.id }, data: { twoFactorPending: encryptSecret(secret, secretKey(), actor.id) } });
  const otpauthUri = totpUri(secret, "Quire", user.email);
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/** Turns two-factor on with a code from the pending secret; returns the recovery codes (shown once). */
export async function confirmEnrolment(actor: Actor, code: string, now = new Date()): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { twoFactorPending: true, twoFactorSecret: true } });
  if (user.twoFactorSecret) throw new DomainError("CONFLICT", "Two-factor sign-in is already on.");
  if (!user.twoFactorPending) throw new DomainError("NOT_FOUND", "Start the set-up again: no authenticator is waiting to be confirmed.");
  const secret = decryptSecret(user.twoFactorPending, secretKey(), actor.id);
  const step = verifyTotp(secret, code, null, now);
  if (step === null) throw new DomainError("INVALID_INPUT", "That code is not right. Check the time on your phone and enter the current code.");
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    // The pending value in the condition: a second confirmation racing this one changes nothing.
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, twoFactorSecret: null, twoFactorPending: user.twoFactorPending },
      data: { twoFactorSecret: user.twoFactorPending, twoFactorPending: null, twoFactorEnabledAt: now, twoFactorLastStep: step },
    });
    if (count === 0) throw new DomainError("CONFLICT", "Two-factor sign-in was set up in another tab.");
    await tx.twoFactorRecoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.twoFactorRecoveryCode.createMany({ data: codes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c) })) });
  });
  await record(actor, "auth.two_factor_on", null);
  return codes;
}

/**
 * Uses a second factor: a TOTP code (each time step once: a seen code is refused) or an unused recovery
 * code (used up by this call). Both are single-use under concurrency through conditional writes.
 */
export async function consumeSecondFactor(userId: string, input: string, now = new Date()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { twoFactorSecret: true, twoFactorLastStep: true } });
  if (!user?.twoFactorSecret) return false;
  if (isRecoveryCodeShape(input)) {
    const { count } = await db.twoFactorRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(input), usedAt: null }, data: { usedAt: now } });
    return count === 1;
  }
  const step = verifyTotp(decryptSecret(user.twoFactorSecret, secretKey(), userId), input, user.twoFactorLastStep, now);
  if (step === null) return false;
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
    data: { twoFactorLastStep: step },
  });
  return count === 1;
}

/** Turns two-factor off after a current code, a recovery code or the account password. */
export async function disableTwoFactor(actor: Actor, proof: { code?: string; password?: string }, now = new Date()): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true, twoFactorSecret: true } });
  if (!user.twoFactorSecret) return;
  const proven = proof.code ? await consumeSecondFactor(actor.id, proof.code, now) : proof.password ? await verifyPassword(user.passwordHash, proof.password) : false;
  if (!proven) throw new DomainError("FORBIDDEN", "That code or password is not right; two-factor sign-in is still on.");
  await db.$transaction([
    db.user.update({ where: { id: actor.id }, data: { twoFactorSecret: null, twoFactorPending: null, twoFactorEnabledAt: null, twoFactorLastStep: null } }),
    db.twoFactorRecoveryCode.deleteMany({ where: { userId: actor.id } }),
  ]);
  await record(actor, "auth.two_factor_off", null);
}

/** Whether the user must give a second factor after their password. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { twoFactorSecret: true } });
  return !!user?.twoFactorSecret;
}

export function issuePendingSignIn(userId: string, tokenVersion: number, now = new Date()): string {
  return signPendingSignIn(userId, tokenVersion, pendingKey(), now);
}

/** The pending sign-in a token stands for, with the user's email (for the throttle), or null. */
export async function openPendingSignIn(token: string, now = new Date()): Promise<(PendingSignIn & { email: string }) | null> {
  const pending = readPendingSignIn(token, pendingKey(), now);
  if (!pending) return null;
  const user = await db.user.findUnique({ where: { id: pending.userId }, select: { email: true, tokenVersion: true, status: true } });
  if (!user || user.tokenVersion !== pending.tokenVersion || user.status !== "ACTIVE") return null;
  return { ...pending, email: user.email };
}
