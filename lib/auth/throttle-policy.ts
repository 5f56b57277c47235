import { isIPv4, isIPv6 } from "node:net";

/**
 * One counter of sign-in attempts: `freeAttempts` per `windowSeconds` pass; the attempt that uses the
 * last one and fails starts a lock-out of `firstLockoutSeconds`, doubling with each further lock-out
 * within `lockoutMemorySeconds`, up to `maxLockoutSeconds`.
 */
export interface ThrottleRule {
  freeAttempts: number;
  windowSeconds: number;
  firstLockoutSeconds: number;
  maxLockoutSeconds: number;
  lockoutMemorySeconds: number;
}

export interface ThrottlePolicy {
  /** Keyed by account and client address: guessing one account's password from one place. */
  accountAddress: ThrottleRule;
  /** Keyed by client address alone: one place trying passwords against many accounts. */
  address: ThrottleRule;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * At least as strict as Ghost's spam prevention (user_login: 5 tries per account and address an hour,
 * then 10 minutes growing to 7 days; global_block: 100 tries per address an hour, then an hour).
 * There is no lock-out per account alone: a flood from elsewhere must not lock its owner out.
 */
export const SIGN_IN_POLICY: ThrottlePolicy = {
  accountAddress: { freeAttempts: 5, windowSeconds: HOUR, firstLockoutSeconds: 10 * MINUTE, maxLockoutSeconds: 7 * DAY, lockoutMemorySeconds: 7 * DAY },
  address: { freeAttempts: 20, windowSeconds: HOUR, firstLockoutSeconds: HOUR, maxLockoutSeconds: DAY, lockoutMemorySeconds: 7 * DAY },
};

/** A plain rate limit: `points` requests per `windowSeconds`, then refused until the window ends. */
export interface RequestLimit {
  points: number;
  windowSeconds: number;
}

/**
 * Public forms other than sign-in (Ghost's spam prevention limits password resets per address too).
 * A reset request sends mail, so it is also limited per account (silently: the answer stays the same);
 * accepting an invitation hashes a password, so it is limited per address.
 */
export const FORM_LIMITS = {
  forgotPasswordAddress: { points: 5, windowSeconds: HOUR },
  forgotPasswordAccount: { points: 3, windowSeconds: HOUR },
  inviteAcceptAddress: { points: 10, windowSeconds: HOUR },
} satisfies Record<string, RequestLimit>;

/** "3 minutes", "2 hours": a wait rounded up, so a form never promises an unlock too early. */
export function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 120) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.ceil(hours / 24)} days`;
}

/** Length of the `nth` lock-out (1 = the first) under `rule`: doubling, capped. */
export function lockoutSeconds(rule: ThrottleRule, nth: number): number {
  const doublings = Math.max(0, Math.min(nth - 1, 40));
  return Math.min(rule.firstLockoutSeconds * 2 ** doublings, rule.maxLockoutSeconds);
}

/**
 * The throttling key for a client address: IPv4 as is (also when written IPv4-mapped), IPv6 as its
 * /64 network, since one subscriber usually holds a whole /64 and could rotate through it freely.
 * Anything else (no address known) is "unknown", which all such requests share.
 */
export function addressKey(raw: string | null | undefined): string {
  const address = (raw ?? "").trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return "unknown";
  const withoutZone = address.split("%")[0]!;
  const [head = "", tail = ""] = withoutZone.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = withoutZone.includes("::") ? (tail ? tail.split(":") : []) : [];
  // A trailing dotted quad counts as two groups; it never reaches the first four.
  const groupCount = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const missing = 8 - groupCount(headGroups) - groupCount(tailGroups);
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
