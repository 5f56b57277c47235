import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { generateSync, generateSecret, generateURI, verifySync } from "otplib";

/** TOTP as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now is accepted, for clock drift and typing time (RFC 6238 §5.2). */
export const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;
/** How long the step between a correct password and the second factor may last. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;

/** A 32-byte key for one purpose, derived from AUTH_SECRET with HKDF-SHA256, so no purpose shares a key. */
export function deriveKey(authSecret: string, purpose: "totp-secret" | "two-factor-pending"): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "quire-two-factor", purpose, 32));
}

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" in base64url. The user id is bound as associated data. */
export function encryptSecret(plain: string, key: Buffer, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain secret; throws if the value was altered, belongs to another user or another key. */
export function decryptSecret(stored: string, key: Buffer, userId: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unreadable two-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS });
}

/** The code for `now` (tests and the enrolment check use it). */
export function totpCode(secret: string, now: Date): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step of a code valid at `now` (±1 step), or null. A step at or before `lastStep` is refused,
 * so a code seen once cannot be used again, nor an older one after a newer was used.
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  // The functional verify types its result for TOTP and HOTP together; for TOTP it carries timeStep.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7m2p-x9qhr", 10 characters from 31 (~49 bits) each: high entropy, so SHA-256 suffices. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(randomBytes(10), (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Whether the input looks like a recovery code rather than a 6-digit TOTP code. */
export function isRecoveryCodeShape(input: string): boolean {
  return normaliseRecoveryCode(input).length === 10;
}

function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, "");
}

/** What is stored for a recovery code: case, spaces and dashes as typed do not matter. */
export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(input)).digest("hex");
}

/** The state between a correct password and the second factor: whose, which token version, until when. */
export interface PendingSignIn {
  userId: string;
  tokenVersion: number;
  expiresAt: number;
}

/**
 * A signed token for the second step only: it names the purpose, the user and the token version (a
 * password change or sign-out everywhere voids it) and expires after 5 minutes. It is no session.
 */
export function signPendingSignIn(userId: string, tokenVersion: number, key: Buffer, now: Date): string {
  const payload: PendingSignIn & { purpose: "2fa" } = { purpose: "2fa", userId, tokenVersion, expiresAt: now.getTime() + PENDING_SIGN_IN_SECONDS * 1000 };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

export function readPendingSignIn(token: string, key: Buffer, now: Date): PendingSignIn | null {
  const [body, signature] = token.split(".");
  if (!body || !signature) return null;
  const expected = createHmac("sha256", key).update(body).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    if (payload.purpose !== "2fa" || typeof payload.userId !== "string" || typeof payload.tokenVersion !== "number" || typeof payload.expiresAt !== "number") return null;
    if (payload.expiresAt <= now.getTime()) return null;
    return { userId: payload.userId, tokenVersion: payload.tokenVersion, expiresAt: payload.expiresAt };
  } catch {
    return null;
  }
}
