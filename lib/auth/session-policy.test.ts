import { describe, expect, it } from "vitest";
import { SESSION_IDLE_SECONDS, needsTouch, sessionEnd } from "./session-policy";

const at = (iso: string) => new Date(iso);
const live = { expiresAt: at("2026-02-01T00:00:00Z"), lastSeenAt: at("2026-01-10T00:00:00Z"), revokedAt: null };

describe("sessionEnd", () => {
  it("holds a session that is neither revoked, past its end, nor idle", () => {
    expect(sessionEnd(live, at("2026-01-12T00:00:00Z"))).toBeNull();
  });

  it("ends at the absolute limit however recently it was used", () => {
    const busy = { ...live, lastSeenAt: at("2026-01-31T23:59:59Z") };
    expect(sessionEnd(busy, at("2026-01-31T23:59:59Z"))).toBeNull();
    expect(sessionEnd(busy, at("2026-02-01T00:00:00Z"))).toBe("expired");
  });

  it("ends after the idle timeout without a request", () => {
    const idleEnd = new Date(live.lastSeenAt.getTime() + SESSION_IDLE_SECONDS * 1000);
    expect(sessionEnd(live, new Date(idleEnd.getTime() - 1))).toBeNull();
    expect(sessionEnd(live, idleEnd)).toBe("idle");
  });

  it("ends once revoked", () => {
    expect(sessionEnd({ ...live, revokedAt: at("2026-01-11T00:00:00Z") }, at("2026-01-11T00:00:00Z"))).toBe("revoked");
  });
});

describe("needsTouch", () => {
  it("writes lastSeenAt at most once a minute", () => {
    const seen = at("2026-01-10T00:00:00Z");
    expect(needsTouch(seen, at("2026-01-10T00:00:59Z"))).toBe(false);
    expect(needsTouch(seen, at("2026-01-10T00:01:00Z"))).toBe(true);
  });
});
