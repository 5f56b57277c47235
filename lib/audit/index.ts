import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/permissions";

/** Every action the log records; the page's filter offers these. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.lockout",
  "auth.unlock",
  "auth.two_factor_on",
  "auth.two_factor_off",
  "post.publish",
  "post.unpublish",
  "post.delete",
  "tag.create",
  "tag.update",
  "tag.delete",
  "staff.invite",
  "staff.invite_revoke",
  "staff.invite_accept",
  "staff.role_change",
  "staff.suspend",
  "staff.unsuspend",
  "staff.delete",
  "staff.transfer_ownership",
  "staff.reset_link",
  "staff.session_revoke",
  "profile.update",
  "profile.avatar_set",
  "profile.avatar_remove",
  "password.reset",
  "password.change",
  "settings.update",
  "media.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who acted: a staff member (their e-mail is looked up when not given), or only an e-mail address (a
 * failed sign-in), or nobody known.
 */
export type AuditActor = { id?: string | null; email?: string | null } | null;

export interface AuditTarget {
  type: "post" | "user" | "invite" | "settings" | "media" | "tag";
  id?: string | null;
  /** A readable name at the time: the post's title, the staff member's e-mail. */
  label?: string | null;
}

export interface AuditOptions {
  /** The client's address; read from this request's x-real-ip when not given. */
  address?: string | null;
  /**
   * A transaction to write the entry in, so it commits (or rolls back) with the change it records. There
   * a failed write aborts the transaction as PostgreSQL does for any failed statement.
   */
  client?: Pick<Prisma.TransactionClient, "auditEntry">;
}

/** x-real-ip of the current request (scripts/server.mjs sets it, replacing the client's), or null outside one. */
async function requestAddress(): Promise<string | null> {
  try {
    return (await headers()).get("x-real-ip")?.trim() || null;
  } catch {
    return null;
  }
}

/**
 * Writes one entry. Never throws and never fails the caller's action: the action has already happened,
 * so a failed write is logged for the operator instead.
 */
export async function record(actor: AuditActor, action: AuditAction, target: AuditTarget | null, details?: Record<string, unknown>, options: AuditOptions = {}): Promise<void> {
  try {
    const ipAddress = options.address !== undefined ? options.address : await requestAddress();
    const actorEmail =
      actor?.email ?? (actor?.id ? ((await db.user.findUnique({ where: { id: actor.id }, select: { email: true } }))?.email ?? null) : null);
    await (options.client ?? db).auditEntry.create({
      data: {
        actorId: actor?.id ?? null,
        actorEmail,
        action,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        targetLabel: target?.label ?? null,
        details: details === undefined ? Prisma.DbNull : (JSON.parse(JSON.stringify(details)) as Prisma.InputJsonValue),
        ipAddress: ipAddress === "unknown" ? null : ipAddress,
      },
    });
  } catch (error) {
    console.error("audit: could not record", action, error);
  }
}

/** The page's filters, parsed from GET parameters; anything malformed is dropped rather than refused. */
export const AuditFilterInput = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilterInput>;

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntryRow {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: unknown;
  ipAddress: string | null;
}

/** Start of a YYYY-MM-DD day in UTC; `nextDay` gives the start of the day after (an inclusive "to"). */
function dayStart(day: string, nextDay = false): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (nextDay) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/**
 * One page of the log, newest first, filtered by actor (e-mail, part of it), action and a UTC date range
 * (both days included). Administrators only: throws DomainError("FORBIDDEN").
 */
export async function listAuditEntries(actor: Actor, filter: AuditFilter): Promise<{ entries: AuditEntryRow[]; page: number; hasMore: boolean }> {
  assertCan(actor, "audit.view");
  const page = filter.page ?? 1;
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = dayStart(filter.from);
  if (filter.to) createdAt.lt = dayStart(filter.to, true);
  const rows = await db.auditEntry.findMany({
    where: {
      ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from || filter.to ? { createdAt } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
  });
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), page, hasMore: rows.length > AUDIT_PAGE_SIZE };
}
