/** How long a sign-in lasts at most, from the moment of signing in; never extended. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A session unused for this long ends (WordPress's remembered sign-in lasts 14 days; a week of quiet is stricter). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;
/** lastSeenAt is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

/** The parts of a session row that decide whether it still holds. */
export interface SessionTimes {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export type SessionEnd = "revoked" | "expired" | "idle";

/** Why the session no longer holds at `now`, or null while it does. */
export function sessionEnd(session: SessionTimes, now: Date): SessionEnd | null {
  if (session.revokedAt && session.revokedAt <= now) return "revoked";
  if (session.expiresAt <= now) return "expired";
  if (session.lastSeenAt.getTime() + SESSION_IDLE_SECONDS * 1000 <= now.getTime()) return "idle";
  return null;
}

/** Whether lastSeenAt is old enough to be written again. */
export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_SECONDS * 1000;
}
