import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { record } from "@/lib/audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { assertCan, type Actor } from "@/lib/permissions";
import type { SessionUser } from "@/lib/users";
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS, needsTouch, sessionEnd } from "@/lib/auth/session-policy";

export interface SessionOrigin {
  userAgent: string | null;
  ip: string | null;
}

/** Starts a session for a user who just proved who they are; returns its id (for the session token). */
export async function createSession(userId: string, origin: SessionOrigin, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      ip: origin.ip?.slice(0, 64) ?? null,
    },
  });
  return id;
}

/**
 * The staff member behind a session token, or null when the session was revoked, passed its absolute
 * or idle limit, or the user's sessions were all revoked since (token version), the user is suspended or gone.
 * Records the request for the idle timeout, at most once a minute.
 */
export async function getLiveSessionUser(sessionId: string, tokenVersion: number, now = new Date()): Promise<SessionUser | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      lastSeenAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, tokenVersion: true, status: true } },
    },
  });
  // Suspension also bumps the token version; the status check holds even if that write was lost.
  if (!row || sessionEnd(row, now) || row.user.tokenVersion !== tokenVersion || row.user.status !== "ACTIVE") return null;
  if (needsTouch(row.lastSeenAt, now)) {
    // The condition keeps concurrent requests from writing the same minute twice.
    await db.session.updateMany({ where: { id: sessionId, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role };
}

/** Ends one session at its next request (sign-out of this browser). */
export async function revokeSession(sessionId: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** A signed-in browser as the "Signed-in devices" list shows it. */
export interface DeviceSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session the list is being viewed from. */
  current: boolean;
}

/** The actor's own live sessions, most recently used first. */
export async function listOwnSessions(actor: Actor, currentSessionId: string | null, now = new Date()): Promise<DeviceSession[]> {
  const rows = await db.session.findMany({
    where: {
      userId: actor.id,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_SECONDS * 1000) },
    },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

/** Signs one of the actor's own sessions out. Throws DomainError("NOT_FOUND") for anyone else's or an unknown one. */
export async function revokeOwnSession(actor: Actor, sessionId: string, now = new Date()): Promise<void> {
  const { count } = await db.session.updateMany({ where: { id: sessionId, userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new DomainError("NOT_FOUND", "That session has already ended.");
}

/** Signs the actor out everywhere except the session they are using. */
export async function revokeOtherOwnSessions(actor: Actor, currentSessionId: string, now = new Date()): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId: actor.id, revokedAt: null, id: { not: currentSessionId } },
    data: { revokedAt: now },
  });
  return count;
}

/** The staff member's role, for the permission check on their sessions; throws NOT_FOUND for nobody. */
async function sessionOwner(userId: string): Promise<{ userId: string; role: Role; email: string }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
  if (!user) throw new DomainError("NOT_FOUND", "That staff member no longer exists.");
  return { userId: user.id, role: user.role, email: user.email };
}

/**
 * Another staff member's live sessions, most recently used first: administrators, for people they
 * manage (never the owner). Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function listStaffSessions(actor: Actor, userId: string, now = new Date()): Promise<DeviceSession[]> {
  const owner = await sessionOwner(userId);
  assertCan(actor, "staff.viewSessions", owner);
  return listOwnSessions({ id: userId, role: owner.role }, null, now);
}

/**
 * Signs one of another staff member's browsers out (staff.revokeSessions: whoever manages them); audited.
 * Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function revokeStaffSession(actor: Actor, userId: string, sessionId: string, now = new Date()): Promise<void> {
  const owner = await sessionOwner(userId);
  assertCan(actor, "staff.revokeSessions", owner);
  const { count } = await db.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new DomainError("NOT_FOUND", "That session has already ended.");
  await record(actor, "staff.session_revoke", { type: "user", id: userId, label: owner.email });
}

/**
 * Signs another staff member out everywhere, copied cookies included (staff.revokeSessions, like
 * revokeStaffSession; an editor may do this for authors and contributors without seeing their devices);
 * audited. Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function revokeAllStaffSessions(actor: Actor, userId: string, now = new Date()): Promise<number> {
  const owner = await sessionOwner(userId);
  assertCan(actor, "staff.revokeSessions", owner);
  const [, { count }] = await db.$transaction([
    db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } }),
    db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  await record(actor, "staff.session_revoke", { type: "user", id: userId, label: owner.email }, { all: true, ended: count });
  return count;
}
