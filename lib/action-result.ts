import { isDatabaseUnreachable, isDomainError, type DomainErrorCode } from "@/lib/errors";
import type { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: DomainErrorCode; fieldErrors?: FieldErrors };

/** The result for input that failed its schema: the first message, and every message by field path. */
export function invalidInput(error: z.ZodError): ActionResult<never> {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = error.issues[0]?.message;
  return { ok: false, code: "INVALID_INPUT", error: first ?? "Please check the form.", fieldErrors };
}

/** Maps a thrown error to a result: domain errors keep their message, anything else is logged and hidden. */
export function toActionError(error: unknown): ActionResult<never> {
  if (isDomainError(error)) return { ok: false, code: error.code, error: error.message };
  if (isDatabaseUnreachable(error)) {
    console.error(`An action failed: the database is unreachable (${error instanceof Error ? error.message.trim().split("\n")[0] : String(error)})`);
    return { ok: false, code: "UNAVAILABLE", error: "The database cannot be reached right now, so nothing was saved. Please try again in a moment." };
  }
  console.error(error);
  return { ok: false, error: "Something went wrong on our side. Your changes were not saved; please try again." };
}
