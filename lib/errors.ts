export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "INVALID_INPUT"
  | "INVALID_DOCUMENT"
  | "SLUG_TAKEN"
  | "UNAVAILABLE";

/** An expected failure whose message is safe to show to the user. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}

/** Whether the error is an expected, user-facing failure. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Prisma's codes for a database it cannot reach, or a connection that was lost or timed out. */
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/**
 * Whether the error says the database could not be reached (down, restarting, out of connections), as
 * opposed to a query it refused: Prisma's connection codes, its pg adapter's DatabaseNotReachable, and
 * node-postgres's own connection failures.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const { code, name, message } = current as Error & { code?: unknown };
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code === "ECONNREFUSED" || code === "57P01" || code === "57P03")) return true;
    if (name === "DriverAdapterError" && /DatabaseNotReachable|ConnectionClosed|SocketTimeout/.test(message)) return true;
    const adapter = (current as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
    if (adapter instanceof Error && isDatabaseUnreachable(adapter)) return true;
  }
  return false;
}
