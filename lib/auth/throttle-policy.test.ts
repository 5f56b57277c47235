import { describe, expect, it } from "vitest";
import { SIGN_IN_POLICY, addressKey, lockoutSeconds } from "./throttle-policy";

describe("lockoutSeconds", () => {
  const rule = SIGN_IN_POLICY.accountAddress;

  it("starts at the first lock-out and doubles with each further one", () => {
    expect([1, 2, 3, 4].map((n) => lockoutSeconds(rule, n))).toEqual([600, 1200, 2400, 4800]);
  });

  it("never exceeds the cap, however many lock-outs came before", () => {
    expect(lockoutSeconds(rule, 11)).toBe(7 * 24 * 3600);
    expect(lockoutSeconds(rule, 10_000)).toBe(7 * 24 * 3600);
  });

  it("treats a count below one as the first lock-out", () => {
    expect(lockoutSeconds(rule, 0)).toBe(600);
  });
});

describe("the sign-in policy", () => {
  it("is at least as strict as Ghost's: 5 tries per account and address, then 10 minutes or more", () => {
    expect(SIGN_IN_POLICY.accountAddress.freeAttempts).toBeLessThanOrEqual(5);
    expect(SIGN_IN_POLICY.accountAddress.firstLockoutSeconds).toBeGreaterThanOrEqual(600);
    expect(SIGN_IN_POLICY.address.freeAttempts).toBeLessThanOrEqual(100);
    expect(SIGN_IN_POLICY.address.firstLockoutSeconds).toBeGreaterThanOrEqual(3600);
  });
});

describe("addressKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    [" 198.51.100.1 ", "198.51.100.1"],
  ])("keeps the IPv4 address %s as %s", (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it("groups IPv6 addresses by their /64 network, however they are written", () => {
    const key = "2001:db8:85a3:8d3::/64";
    expect(addressKey("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe(key);
    expect(addressKey("2001:0db8:85a3:08d3::1")).toBe(key);
    expect(addressKey("[2001:db8:85a3:8d3:ffff::1]")).toBe(key);
    expect(addressKey("2001:db8:85a3:8d4::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("2001:db8::")).toBe("2001:db8:0:0::/64");
  });

  it.each([undefined, null, "", "unknown", "evil.example", "1.2.3", "999.1.1.1", "1.2.3.4, 5.6.7.8"])(
    "calls %s unknown",
    (raw) => {
      expect(addressKey(raw)).toBe("unknown");
    },
  );
});
