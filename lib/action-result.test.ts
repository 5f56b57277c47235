import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { invalidInput, toActionError } from "@/lib/action-result";
import { DomainError } from "@/lib/errors";
import { SavePostInput } from "@/lib/validations/post";

function zodErrorOf(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be invalid");
  return result.error;
}

describe("invalidInput", () => {
  it("maps each issue to its field path", () => {
    const error = zodErrorOf(SavePostInput, {
      version: 0,
      title: "t".repeat(201),
      slug: "Not A Slug",
      customExcerpt: "",
      tags: ["ok", "  "],
      content: "{}",
    });
    const result = invalidInput(error);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("INVALID_INPUT");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["slug", "tags.1", "title"]);
    expect(result.fieldErrors?.title).toEqual([error.issues.find((issue) => issue.path[0] === "title")?.message]);
  });

  it("uses the first issue's message as the error", () => {
    const error = zodErrorOf(z.object({ a: z.string().min(1, "A is required."), b: z.number() }), { a: "", b: "x" });
    const result = invalidInput(error);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(error.issues[0]?.message);
  });

  it("collects several issues on the same field", () => {
    const schema = z.object({ name: z.string().min(5, "too short").regex(/^[a-z]+$/, "lowercase only") });
    const result = invalidInput(zodErrorOf(schema, { name: "AB" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.name).toEqual(["too short", "lowercase only"]);
  });

  it("files issues without a path under 'form'", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, "The form is wrong.");
    const result = invalidInput(zodErrorOf(schema, { a: "x" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({ form: ["The form is wrong."] });
  });

  it("joins nested paths with dots", () => {
    const schema = z.object({ items: z.array(z.object({ name: z.string() })) });
    const result = invalidInput(zodErrorOf(schema, { items: [{ name: "ok" }, { name: 1 }] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["items.1.name"]);
  });
});

describe("toActionError", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(["FORBIDDEN", "NOT_FOUND", "CONFLICT", "SLUG_TAKEN", "INVALID_DOCUMENT"] as const)(
    "keeps a DomainError's %s code and message without logging",
    (code) => {
      const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
      const domainError = new DomainError(code, "A message meant for the user.");
      expect(toActionError(domainError)).toEqual({ ok: false, code, error: domainError.message });
      expect(consoleError).not.toHaveBeenCalled();
    },
  );

  it("hides an unexpected error's message and logs the error", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error('relation "users" does not exist; password=hunter2');
    const result = toActionError(secret);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBeUndefined();
    expect(result.error).not.toContain("hunter2");
    expect(result.error).not.toContain("users");
    expect(result.error.length).toBeGreaterThan(0);
    expect(consoleError).toHaveBeenCalledWith(secret);
  });

  it.each([["a string", "db down: secret"], ["an object", { message: "secret" }], ["undefined", undefined]])(
    "hides a thrown %s",
    (_label, thrown) => {
      const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
      const result = toActionError(thrown);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBeUndefined();
      expect(result.error).not.toContain("secret");
      expect(consoleError).toHaveBeenCalledTimes(1);
    },
  );

  it("does not treat an error that merely looks like a DomainError as one", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const impostor = Object.assign(new Error("internal detail"), { name: "DomainError", code: "FORBIDDEN" });
    const result = toActionError(impostor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBeUndefined();
    expect(result.error).not.toContain("internal detail");
    expect(consoleError).toHaveBeenCalled();
  });
});
