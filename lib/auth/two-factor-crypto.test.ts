import { describe, expect, it } from "vitest";
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
  totpCode,
  totpUri,
  verifyTotp,
} from "./two-factor-crypto";

const at = (seconds: number) => new Date(seconds * 1000);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const T = 1_796_509_830; // inside step 59883661 (starts at 1796509830)

describe("verifyTotp", () => {
  it("accepts the current code and the codes one step either side, nothing further", () => {
    const step = Math.floor(T / 30);
    expect(verifyTotp(secret, totpCode(secret, at(T)), null, at(T))).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, at(T - 30)), null, at(T))).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, at(T + 30)), null, at(T))).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, at(T - 60)), null, at(T))).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, at(T + 60)), null, at(T))).toBeNull();
  });

  it("refuses a code of a step already used, and older steps, within the window", () => {
    const code = totpCode(secret, at(T));
    const step = verifyTotp(secret, code, null, at(T));
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, step, at(T + 5))).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, at(T - 30)), step, at(T + 5))).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, at(T + 30)), step, at(T + 30))).toBe(step! + 1);
  });

  it("refuses malformed and wrong codes, and accepts spaces typed in a code", () => {
    const code = totpCode(secret, at(T));
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, at(T))).not.toBeNull();
    expect(verifyTotp(secret, "12345", null, at(T))).toBeNull();
    expect(verifyTotp(secret, "abcdef", null, at(T))).toBeNull();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyTotp(secret, wrong, null, at(T))).toBeNull();
  });

  it("uses secrets authenticator apps can read", () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(fresh, "Quire", "ada@example.com")).toMatch(/^otpauth:\/\/totp\/Quire:ada%40example\.com\?.*secret=/);
  });
});

describe("secret encryption", () => {
  const key = deriveKey("a".repeat(32), "totp-secret");

  it("round-trips, with a new IV each time and no plain text stored", () => {
    const a = encryptSecret(secret, key, "user-1");
    const b = encryptSecret(secret, key, "user-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptSecret(a, key, "user-1")).toBe(secret);
  });

  it("refuses another key, another user's row, and altered text", () => {
    const stored = encryptSecret(secret, key, "user-1");
    expect(() => decryptSecret(stored, deriveKey("b".repeat(32), "totp-secret"), "user-1")).toThrow();
    expect(() => decryptSecret(stored, deriveKey("a".repeat(32), "two-factor-pending"), "user-1")).toThrow();
    expect(() => decryptSecret(stored, key, "user-2")).toThrow();
    const parts = stored.split(".");
    parts[3] = Buffer.from("x".repeat(32)).toString("base64url");
    expect(() => decryptSecret(parts.join("."), key, "user-1")).toThrow();
  });
});

describe("recovery codes", () => {
  it("are ten distinct high-entropy codes, hashed the same however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(` ${codes[0]!.toUpperCase().replace("-", " ")} `));
    expect(hashRecoveryCode(codes[0]!)).not.toBe(hashRecoveryCode(codes[1]!));
    expect(isRecoveryCodeShape(codes[0]!)).toBe(true);
    expect(isRecoveryCodeShape("123456")).toBe(false);
  });
});

describe("pending sign-in token", () => {
  const key = deriveKey("a".repeat(32), "two-factor-pending");
  const now = at(T);

  it("names the user and token version until five minutes have passed", () => {
    const token = signPendingSignIn("user-1", 3, key, now);
    expect(readPendingSignIn(token, key, at(T + 299))).toMatchObject({ userId: "user-1", tokenVersion: 3 });
    expect(readPendingSignIn(token, key, at(T + 300))).toBeNull();
  });

  it("refuses a forged, altered or foreign-key token", () => {
    const token = signPendingSignIn("user-1", 3, key, now);
    const [body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ purpose: "2fa", userId: "user-2", tokenVersion: 3, expiresAt: (T + 300) * 1000 })).toString("base64url");
    expect(readPendingSignIn(`${forged}.${sig}`, key, now)).toBeNull();
    expect(readPendingSignIn(`${body}.${sig}x`, key, now)).toBeNull();
    expect(readPendingSignIn(token, deriveKey("a".repeat(32), "totp-secret"), now)).toBeNull();
    expect(readPendingSignIn("garbage", key, now)).toBeNull();
  });
});
