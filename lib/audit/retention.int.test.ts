/**
 * Audit log retention against PostgreSQL: old entries and long-ended lock-outs go, recent ones stay,
 * and the job runtime schedules the pruning in pg-boss.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AUDIT_RETENTION_DAYS, LOCKOUT_RETENTION_DAYS, pruneAuditLog } from "@/lib/audit/retention";
import { db } from "@/lib/db";
import { PRUNE_AUDIT_LOG, PRUNE_AUDIT_LOG_CRON } from "@/lib/jobs/queue";
import { startJobRuntime } from "@/lib/jobs/runtime";

const DAY = 24 * 60 * 60 * 1000;
const marker = `retention-${randomBytes(4).toString("hex")}@quire.test`;

afterAll(async () => {
  await db.auditEntry.deleteMany({ where: { actorEmail: marker } });
  await db.signInLockout.deleteMany({ where: { email: marker } });
});

describe("pruneAuditLog", () => {
  it("deletes entries older than the retention period and keeps the rest", async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    await db.auditEntry.createMany({
      data: [
        { action: "auth.sign_in", actorEmail: marker, createdAt: at(AUDIT_RETENTION_DAYS + 1), targetLabel: "old" },
        { action: "auth.sign_in", actorEmail: marker, createdAt: at(AUDIT_RETENTION_DAYS - 1), targetLabel: "kept" },
        { action: "auth.sign_in", actorEmail: marker, createdAt: now, targetLabel: "new" },
      ],
    });
    await db.signInLockout.createMany({
      data: [
        { scope: "account_address", email: marker, address: "192.0.2.1", lockedUntil: at(LOCKOUT_RETENTION_DAYS + 1), createdAt: at(LOCKOUT_RETENTION_DAYS + 1) },
        { scope: "account_address", email: marker, address: "192.0.2.2", lockedUntil: at(1), createdAt: at(1) },
      ],
    });
    const pruned = await pruneAuditLog(now);
    expect(pruned.auditEntries).toBeGreaterThanOrEqual(1);
    const left = await db.auditEntry.findMany({ where: { actorEmail: marker }, select: { targetLabel: true }, orderBy: { createdAt: "asc" } });
    expect(left.map((entry) => entry.targetLabel)).toEqual(["kept", "new"]);
    expect((await db.signInLockout.findMany({ where: { email: marker }, select: { address: true } })).map((row) => row.address)).toEqual(["192.0.2.2"]);
    // A second run finds nothing of ours.
    await pruneAuditLog(now);
    expect(await db.auditEntry.count({ where: { actorEmail: marker } })).toBe(2);
  });
});

describe("the job runtime", () => {
  it("schedules the daily pruning", async () => {
    const runtime = await startJobRuntime({ connectionString: process.env.DATABASE_URL!, expirePages: () => undefined });
    try {
      const schedules = await runtime.boss.getSchedules();
      expect(schedules.find((schedule) => schedule.name === PRUNE_AUDIT_LOG)).toMatchObject({ cron: PRUNE_AUDIT_LOG_CRON, timezone: "UTC" });
    } finally {
      await runtime.stop();
    }
  });
});
