import "server-only";
import { createHmac } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { recordLockout } from "@/lib/auth/lockouts";
import { FORM_LIMITS, SIGN_IN_POLICY, addressKey, lockoutSeconds, type RequestLimit, type ThrottlePolicy, type ThrottleRule } from "@/lib/auth/throttle-policy";

/** What a sign-in attempt may do: go ahead (then report how it went), or wait. */
export type SignInReservation =
  | { allowed: true; settle(outcome: "success" | "failure"): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

export interface SignInThrottle {
  /**
   * Counts an attempt for this account and address BEFORE the password is checked, so attempts in
   * flight at the same moment are counted too. Every allowed attempt must be settled.
   */
  reserve(email: string, address: string): Promise<SignInReservation>;
  /** Forgets every counter and lock-out of this account and address (an administrator's unlock). */
  clear(email: string, address: string): Promise<void>;
  /** Forgets the counter and lock-outs of this address alone (an administrator's unlock of an address). */
  clearAddress(address: string): Promise<void>;
}

/** Which counter locked: one account from one address, or one address whatever the account. */
export type LockoutScope = "account_address" | "address";

/** A lock-out as it starts, for the administrators' list (the counters only hold keyed hashes). */
export interface LockoutStarted {
  scope: LockoutScope;
  /** The account tried (lower-cased), for an account-and-address lock-out; null for an address one. */
  email: string | null;
  /** The client's address as the sign-in saw it (the counter covers addressKey of it: an IPv6 address's /64). */
  address: string;
  seconds: number;
}

/** One rule's two counters: attempts in the window, and lock-outs so far (for their growth). */
interface Counter {
  rule: ThrottleRule;
  attempts: RateLimiterStoreAbstract;
  lockouts: RateLimiterStoreAbstract;
}

/** Where the counters live: PostgreSQL (always there), or Redis when the operator runs one. */
export type ThrottleStore = { kind: "postgres"; pool: pg.Pool } | { kind: "redis"; client: Redis };

export interface ThrottleStoreOptions {
  store: ThrottleStore;
  /** Keys are HMACs with this secret, so the table holds no e-mail address or IP address. */
  secret: string;
  policy?: ThrottlePolicy;
  /** Prefix of every key; tests use their own so that runs never share counters. */
  namespace?: string;
  /** Told of every lock-out as it starts; its failure is logged and never fails the sign-in. */
  onLockout?: (lockout: LockoutStarted) => Promise<void>;
}

const TABLE = "sign_in_throttle";

function storeCounter(backing: ThrottleStore, name: string, rule: ThrottleRule): Counter {
  const store = (keyPrefix: string, points: number, duration: number): RateLimiterStoreAbstract =>
    backing.kind === "redis"
      ? // Commands wait in the client's queue while Redis reconnects, rather than letting attempts through.
        new RateLimiterRedis({ storeClient: backing.client, keyPrefix: `quire:${keyPrefix}`, points, duration, rejectIfRedisNotReady: false, insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }) })
      : // The table comes from a Prisma migration (tableCreated); the library sweeps lapsed rows hourly.
        new RateLimiterPostgres({ storeClient: backing.pool, storeType: "pool", tableName: TABLE, tableCreated: true, keyPrefix, points, duration });
  return {
    rule,
    attempts: store(`${name}`, rule.freeAttempts, rule.windowSeconds),
    // Effectively unlimited: only the count matters, and it is remembered for lockoutMemorySeconds.
    lockouts: store(`${name}.lockouts`, 1_000_000, rule.lockoutMemorySeconds),
  };
}

/** The library rejects with a RateLimiterRes when over the limit, and with an Error when the store fails. */
function isOverLimit(reason: unknown): reason is RateLimiterRes {
  return reason instanceof RateLimiterRes;
}

/** A throttle whose counters live in the shared store, so every instance sees them and restarts keep them. */
export function createSignInThrottle({ store, secret, policy = SIGN_IN_POLICY, namespace = "signin", onLockout }: ThrottleStoreOptions): SignInThrottle {
  const counters = {
    accountAddress: storeCounter(store, `${namespace}.acct_addr`, policy.accountAddress),
    address: storeCounter(store, `${namespace}.addr`, policy.address),
  };
  const hash = (value: string) => createHmac("sha256", secret).update(value).digest("base64url");
  const keysFor = (email: string, address: string) => {
    const account = email.trim().toLowerCase();
    const place = addressKey(address);
    return [
      { counter: counters.accountAddress, key: hash(`${account}\n${place}`), scope: "account_address" as const, email: account, address },
      { counter: counters.address, key: hash(place), scope: "address" as const, email: null, address },
    ];
  };

  async function lockOut({ counter, key, scope, email, address }: ReturnType<typeof keysFor>[number]): Promise<void> {
    const nth = (await counter.lockouts.penalty(key, 1)).consumedPoints;
    const seconds = lockoutSeconds(counter.rule, nth);
    await counter.attempts.block(key, seconds);
    if (!onLockout) return;
    try {
      await onLockout({ scope, email, address, seconds });
    } catch (error) {
      console.error("throttle: could not record a lock-out", error);
    }
  }

  return {
    async reserve(email, address) {
      const keys = keysFor(email, address);
      const results = await Promise.allSettled(keys.map(({ counter, key }) => counter.attempts.consume(key, 1)));
      const storeFailure = results.find((r) => r.status === "rejected" && !isOverLimit(r.reason));
      if (storeFailure && storeFailure.status === "rejected") throw storeFailure.reason;

      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as RateLimiterRes] : []));
      if (refused.length > 0) {
        // No password is checked, so the counters that did let it through get their point back.
        await Promise.all(results.map((r, i) => (r.status === "fulfilled" ? keys[i]!.counter.attempts.reward(keys[i]!.key, 1) : null)));
        const waitMs = Math.max(...refused.map((res) => res.msBeforeNext));
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }

      const granted = results.map((r) => (r as PromiseFulfilledResult<RateLimiterRes>).value);
      return {
        allowed: true,
        async settle(outcome) {
          if (outcome === "success") {
            // Only this attempt's own point comes back: the failures before it still count, so no
            // interleaving of successes lets more than freeAttempts wrong passwords be checked.
            await Promise.all(keys.map(({ counter, key }) => counter.attempts.reward(key, 1)));
            return;
          }
          // The failure that used up the last free attempt starts the (growing) lock-out.
          await Promise.all(keys.map((entry, i) => (granted[i]!.remainingPoints === 0 ? lockOut(entry) : null)));
        },
      };
    },

    async clear(email, address) {
      await Promise.all(keysFor(email, address).flatMap(({ counter, key }) => [counter.attempts.delete(key), counter.lockouts.delete(key)]));
    },

    async clearAddress(address) {
      const { counter, key } = keysFor("", address)[1]!;
      await Promise.all([counter.attempts.delete(key), counter.lockouts.delete(key)]);
    },
  };
}

/** Answer of a plain rate limit. */
export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A plain limit on one kind of request, counted per key (an address, an account) in the shared store. */
export interface RequestThrottle {
  /** Counts one request for `key`; refused once the window's points are used up. Throws when the store fails. */
  consume(key: string): Promise<LimitResult>;
}

/** A request limit whose counters live beside the sign-in ones (same table or Redis, its own key prefix). */
export function createRequestThrottle({ store, secret, namespace, limit }: { store: ThrottleStore; secret: string; namespace: string; limit: RequestLimit }): RequestThrottle {
  const limiter =
    store.kind === "redis"
      ? new RateLimiterRedis({ storeClient: store.client, keyPrefix: `quire:${namespace}`, points: limit.points, duration: limit.windowSeconds, rejectIfRedisNotReady: false, insuranceLimiter: new RateLimiterMemory({ keyPrefix: namespace, points: limit.points, duration: limit.windowSeconds }) })
      : new RateLimiterPostgres({ storeClient: store.pool, storeType: "pool", tableName: TABLE, tableCreated: true, keyPrefix: namespace, points: limit.points, duration: limit.windowSeconds });
  const hash = (value: string) => createHmac("sha256", secret).update(value).digest("base64url");
  return {
    async consume(key) {
      try {
        await limiter.consume(hash(key), 1);
        return { allowed: true };
      } catch (reason) {
        if (!isOverLimit(reason)) throw reason;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(reason.msBeforeNext / 1000)) };
      }
    },
  };
}

const cached = globalThis as unknown as {
  signInThrottle?: SignInThrottle;
  throttleStore?: ThrottleStore;
  formThrottles?: { forgotAddress: RequestThrottle; forgotAccount: RequestThrottle; inviteAddress: RequestThrottle };
};

/**
 * While Redis is unreachable, each limiter counts in this instance's memory (its insurance limiter), so
 * sign-in keeps working with a per-instance limit; the outage is logged once, and its end.
 */
function redisClient(url: string): Redis {
  const client = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 2_000) });
  let down = false;
  client.on("error", (error: Error) => {
    if (!down) console.error(`Sign-in limits: Redis is unreachable (${error.message}); counting in memory until it returns`);
    down = true;
  });
  client.on("ready", () => {
    if (down) console.log("Sign-in limits: Redis is back");
    down = false;
  });
  return client;
}

function throttlePool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
  // An idle connection the server dropped (a restart, an outage): the next check connects again.
  pool.on("error", (error) => console.error(`Sign-in limits: a database connection failed (${error.message})`));
  return pool;
}

/**
 * Redis when REDIS_URL is set, otherwise PostgreSQL on a pool of its own (the library speaks node-postgres,
 * not Prisma). One connection: the library prepares named statements, and the embedded database serves
 * every connection in one session, where a second connection preparing the same name fails and the
 * sign-in with it. Each check is one short statement, so one connection also serves a flood of attempts.
 */
function throttleStore(): ThrottleStore {
  cached.throttleStore ??= env.REDIS_URL
    ? { kind: "redis", client: redisClient(env.REDIS_URL) }
    : { kind: "postgres", pool: throttlePool() };
  return cached.throttleStore;
}

/** The application's sign-in throttle, in the shared store. */
export function signInThrottle(): SignInThrottle {
  cached.signInThrottle ??= createSignInThrottle({ store: throttleStore(), secret: env.AUTH_SECRET, onLockout: recordLockout });
  return cached.signInThrottle;
}

function formThrottles() {
  const make = (namespace: string, limit: RequestLimit) => createRequestThrottle({ store: throttleStore(), secret: env.AUTH_SECRET, namespace, limit });
  cached.formThrottles ??= {
    forgotAddress: make("forgot.addr", FORM_LIMITS.forgotPasswordAddress),
    forgotAccount: make("forgot.acct", FORM_LIMITS.forgotPasswordAccount),
    inviteAddress: make("invite.addr", FORM_LIMITS.inviteAcceptAddress),
  };
  return cached.formThrottles;
}

/**
 * Limits "forgot password" requests: a refusal for the client's address is shown to them; an account
 * over its own limit gets `sendMail: false`, so nobody can flood a colleague's inbox, while the answer
 * on screen stays the same for every address (it must not reveal who is on the staff).
 */
export async function limitPasswordResetRequest(address: string, email: string): Promise<LimitResult & { sendMail?: boolean }> {
  const throttles = formThrottles();
  const byAddress = await throttles.forgotAddress.consume(addressKey(address));
  if (!byAddress.allowed) return byAddress;
  const byAccount = await throttles.forgotAccount.consume(email.trim().toLowerCase());
  return { allowed: true, sendMail: byAccount.allowed };
}

/** Limits attempts to accept an invitation (each hashes a password) per client address. */
export async function limitInviteAccept(address: string): Promise<LimitResult> {
  return formThrottles().inviteAddress.consume(addressKey(address));
}
