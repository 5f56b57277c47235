import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each(["/admin", "/admin/posts/abc?x=1", "/", "/admin/posts?q=a%2Fb#top", "/admin/%2F%2Fevil.example"])("keeps the same-site path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    undefined,
    null,
    "",
    "https://evil.example",
    "//evil.example",
    "//evil.example/admin",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\u0000//evil.example",
    "///evil.example",
    "/.//evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "%2f%5cevil.example",
    "http:/evil.example",
    "admin",
  ])("sends %j to the admin home", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/admin");
  });

  it("returns the path as a browser resolves it, never the raw input", () => {
    expect(safeCallbackPath("/admin/../admin/posts")).toBe("/admin/posts");
    expect(safeCallbackPath("/admin/posts\\..\\tags")).toBe("/admin/tags");
    expect(safeCallbackPath("/admin/po\tsts")).toBe("/admin/posts");
  });
});
