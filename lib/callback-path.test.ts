import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each(["/admin", "/admin/posts/abc?x=1", "/"])("keeps the same-site path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([undefined, null, "", "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "admin"])(
    "sends %s to the admin home",
    (raw) => {
      expect(safeCallbackPath(raw)).toBe("/admin");
    },
  );
});
