import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

describe("FailureLimiter", () => {
  const setup = () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    return { limiter, advance: (ms: number) => (now += ms) };
  };

  it("allows attempts until the failures in the window reach the limit", () => {
    const { limiter } = setup();
    limiter.recordFailure("a@example.com");
    limiter.recordFailure("a@example.com");
    expect(limiter.retryAfter("a@example.com")).toBe(0);
    limiter.recordFailure("a@example.com");
    expect(limiter.retryAfter("a@example.com")).toBe(60_000);
    expect(limiter.retryAfter("b@example.com")).toBe(0);
  });

  it("lets the key try again once the oldest failure leaves the window", () => {
    const { limiter, advance } = setup();
    limiter.recordFailure("k");
    advance(10_000);
    limiter.recordFailure("k");
    limiter.recordFailure("k");
    advance(49_999);
    expect(limiter.retryAfter("k")).toBe(1);
    advance(1);
    expect(limiter.retryAfter("k")).toBe(0);
  });

  it("forgets a key on reset", () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.recordFailure("k");
    limiter.reset("k");
    expect(limiter.retryAfter("k")).toBe(0);
  });
});
