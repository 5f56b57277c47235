/** Session rows: every request's check (revoked, absolute and idle limits) and the devices list. */
import { afterAll, describe, expect, it } from "vitest";
import { createSession, getLiveSessionUser, listOwnSessions, revokeOtherOwnSessions, revokeOwnSession, revokeSession } from "@/lib/auth/sessions";
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-policy";
import { db } from "@/lib/db";
import { createStaff, expectDomainError, removeCreatedData } from "@/tests/integration/fixtures";

const origin = { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", ip: "203.0.113.9" };
const seconds = (n: number) => n * 1000;

afterAll(async () => {
  await removeCreatedData();
});

const lastSeen = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true } })).lastSeenAt;

describe("getLiveSessionUser", () => {
  it("holds until the absolute limit, however busy, and never extends it", async () => {
    const user = await createStaff("AUTHOR");
    const start = new Date();
    const id = await createSession(user.id, origin, start);
    // Used every six days: never idle, yet over at 30 days from signing in.
    for (let day = 6; day < 30; day += 6) {
      expect(await getLiveSessionUser(id, 0, new Date(start.getTime() + seconds(day * 86_400)))).toMatchObject({ id: user.id });
    }
    const end = new Date(start.getTime() + seconds(SESSION_MAX_AGE_SECONDS));
    expect(await getLiveSessionUser(id, 0, new Date(end.getTime() - 1000))).toMatchObject({ id: user.id });
    expect(await getLiveSessionUser(id, 0, end)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(end);
  });

  it("ends after the idle timeout without a request", async () => {
    const user = await createStaff("AUTHOR");
    const start = new Date();
    const id = await createSession(user.id, origin, start);
    expect(await getLiveSessionUser(id, 0, new Date(start.getTime() + seconds(SESSION_IDLE_SECONDS) - 1000))).not.toBeNull();
    const idle = await createSession(user.id, origin, start);
    expect(await getLiveSessionUser(idle, 0, new Date(start.getTime() + seconds(SESSION_IDLE_SECONDS)))).toBeNull();
  });

  it("records use at most once a minute", async () => {
    const user = await createStaff("AUTHOR");
    const start = new Date();
    const id = await createSession(user.id, origin, start);
    await getLiveSessionUser(id, 0, new Date(start.getTime() + seconds(59)));
    expect(await lastSeen(id)).toEqual(start);
    const later = new Date(start.getTime() + seconds(61));
    await Promise.all([getLiveSessionUser(id, 0, later), getLiveSessionUser(id, 0, later)]);
    expect(await lastSeen(id)).toEqual(later);
  });

  it("ends a revoked session, and only that one", async () => {
    const user = await createStaff("AUTHOR");
    const [revoked, kept] = await Promise.all([createSession(user.id, origin), createSession(user.id, origin)]);
    await revokeSession(revoked);
    expect(await getLiveSessionUser(revoked, 0)).toBeNull();
    expect(await getLiveSessionUser(kept, 0)).toMatchObject({ id: user.id });
  });

  it("reads the role anew on every check", async () => {
    const user = await createStaff("EDITOR");
    const id = await createSession(user.id, origin);
    await db.user.update({ where: { id: user.id }, data: { role: "CONTRIBUTOR" } });
    expect(await getLiveSessionUser(id, 0)).toMatchObject({ role: "CONTRIBUTOR" });
  });
});

describe("the devices list", () => {
  it("shows the actor's live sessions only, marking the current one", async () => {
    const [user, other] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR")]);
    const now = new Date();
    const current = await createSession(user.id, origin, now);
    const phone = await createSession(user.id, { userAgent: null, ip: null }, new Date(now.getTime() - 1000));
    const revoked = await createSession(user.id, origin);
    await revokeSession(revoked);
    await createSession(user.id, origin, new Date(now.getTime() - seconds(SESSION_IDLE_SECONDS) - 1000));
    await createSession(other.id, origin);

    const list = await listOwnSessions(user, current, now);
    expect(list.map((s) => [s.id, s.current])).toEqual([
      [current, true],
      [phone, false],
    ]);
    expect(list[0]).toMatchObject({ userAgent: origin.userAgent, ip: origin.ip });
  });

  it("signs out one of the actor's own sessions, and refuses anyone else's", async () => {
    const [user, other] = await Promise.all([createStaff("AUTHOR"), createStaff("ADMIN")]);
    const mine = await createSession(user.id, origin);
    const theirs = await createSession(other.id, origin);
    await expectDomainError(revokeOwnSession(user, theirs), "NOT_FOUND");
    expect(await getLiveSessionUser(theirs, 0)).not.toBeNull();
    await revokeOwnSession(user, mine);
    expect(await getLiveSessionUser(mine, 0)).toBeNull();
    await expectDomainError(revokeOwnSession(user, mine), "NOT_FOUND");
  });

  it("signs out every other session of the actor and keeps the current one", async () => {
    const [user, other] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR")]);
    const [current, a, b, bystander] = await Promise.all([
      createSession(user.id, origin),
      createSession(user.id, origin),
      createSession(user.id, origin),
      createSession(other.id, origin),
    ]);
    expect(await revokeOtherOwnSessions(user, current)).toBe(2);
    expect(await getLiveSessionUser(current, 0)).not.toBeNull();
    expect(await getLiveSessionUser(a, 0)).toBeNull();
    expect(await getLiveSessionUser(b, 0)).toBeNull();
    expect(await getLiveSessionUser(bystander, 0)).not.toBeNull();
  });
});
