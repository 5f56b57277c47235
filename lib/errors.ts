export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "INVALID_INPUT"
  | "INVALID_DOCUMENT"
  | "SLUG_TAKEN";

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
