import "server-only";
import { db } from "@/lib/db";

/**
 * How long the audit log keeps an entry: a year, long enough to look back on a season's sign-ins and
 * staff changes, short enough that addresses and e-mails of people long gone do not stay forever.
 * Entries are deleted daily by the job queue (lib/jobs/runtime.ts, PRUNE_AUDIT_LOG).
 */
export const AUDIT_RETENTION_DAYS = 365;

/** Ended lock-outs are kept a month for the log's sake (the audit log keeps the event itself longer). */
export const LOCKOUT_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes audit entries older than the retention period, and lock-out records that ended more than
 * LOCKOUT_RETENTION_DAYS ago. For the job queue (no actor); safe to run twice or concurrently.
 */
export async function pruneAuditLog(now = new Date()): Promise<{ auditEntries: number; lockouts: number }> {
  const [entries, lockouts] = await Promise.all([
    db.auditEntry.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS) } } }),
    db.signInLockout.deleteMany({ where: { lockedUntil: { lt: new Date(now.getTime() - LOCKOUT_RETENTION_DAYS * DAY_MS) } } }),
  ]);
  return { auditEntries: entries.count, lockouts: lockouts.count };
}
