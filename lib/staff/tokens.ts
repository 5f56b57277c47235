import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A fresh link token (256 random bits) and the hash stored in its place. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

/**
 * SHA-256 of a link token: a leaked table holds no working link. A plain hash suffices (no salt or
 * stretching) because the token is random and long, unlike a password.
 */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
