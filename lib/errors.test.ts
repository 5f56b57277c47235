import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { DomainError, isDatabaseUnreachable } from "@/lib/errors";

/** An error shaped as Prisma's pg adapter reports a database it cannot reach. */
function prismaUnreachable(): Error {
  const driverAdapterError = Object.assign(new Error("DatabaseNotReachable"), { name: "DriverAdapterError" });
  return Object.assign(new Error("Can't reach database server"), { name: "PrismaClientKnownRequestError", code: "P1001", meta: { driverAdapterError } });
}

describe("isDatabaseUnreachable", () => {
  it("recognises connection failures from Prisma, its adapter and node-postgres, also as a cause", () => {
    expect(isDatabaseUnreachable(prismaUnreachable())).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("DatabaseNotReachable"), { name: "DriverAdapterError" }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnreachable(new Error("query failed", { cause: Object.assign(new Error("terminating connection"), { code: "57P01" }) }))).toBe(true);
  });

  it("does not take a refused query or a domain error for an outage", () => {
    expect(isDatabaseUnreachable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnreachable(new DomainError("CONFLICT", "Changed elsewhere."))).toBe(false);
    expect(isDatabaseUnreachable("P1001")).toBe(false);
  });
});

describe("toActionError", () => {
  it("tells the user the database is unreachable and that nothing was saved", () => {
    const result = toActionError(prismaUnreachable());
    expect(result).toEqual({ ok: false, code: "UNAVAILABLE", error: "The database cannot be reached right now, so nothing was saved. Please try again in a moment." });
  });
});
