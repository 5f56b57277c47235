import { describe, expect, it } from "vitest";
import { canonicalPath, isCanonicalPath } from "@/lib/cache/canonical-path";

describe("canonicalPath", () => {
  it("leaves a plain path as it is", () => {
    expect(canonicalPath("/blog/hello-world")).toBe("/blog/hello-world");
    expect(canonicalPath("/")).toBe("/");
  });

  it("decodes escapes of unreserved characters and upper-cases the others", () => {
    expect(canonicalPath("/blog/%68ello%2Dworld%7E")).toBe("/blog/hello-world~");
    expect(canonicalPath("/blog/caf%c3%a9")).toBe("/blog/caf%C3%A9");
    expect(canonicalPath("/a%2fb")).toBe("/a%2Fb");
  });

  it("removes dot-segments, including ones spelled with escapes", () => {
    expect(canonicalPath("/blog/x/../a")).toBe("/blog/a");
    expect(canonicalPath("/blog/./a")).toBe("/blog/a");
    expect(canonicalPath("/blog/%2e%2e/tag")).toBe("/tag");
    expect(canonicalPath("/a/b/.")).toBe("/a/b/");
    expect(canonicalPath("/../..")).toBe("/");
    expect(canonicalPath("/blog/..a")).toBe("/blog/..a");
  });

  it("refuses what is not a path", () => {
    expect(canonicalPath("blog")).toBeNull();
    expect(canonicalPath("/bad%zz")).toBeNull();
    expect(canonicalPath("/bad%")).toBeNull();
  });
});

describe("isCanonicalPath", () => {
  it("accepts only the normal form", () => {
    expect(isCanonicalPath("/blog/a")).toBe(true);
    expect(isCanonicalPath("/blog/caf%C3%A9")).toBe(true);
    expect(isCanonicalPath("/blog/caf%c3%a9")).toBe(false);
    expect(isCanonicalPath("/blog/%61")).toBe(false);
    expect(isCanonicalPath("/blog/./a")).toBe(false);
    expect(isCanonicalPath("/blog/.well")).toBe(true);
  });
});
