import { describe, expect, it } from "vitest";
import { UpdateProfileInput } from "@/lib/validations/profile";
import { UpdateTagInput } from "@/lib/validations/tag";

const profile = (changes: Record<string, unknown> = {}) => ({ id: "u1", name: "Ada Lovelace", slug: "", bio: "", website: "", ...changes });
const tag = (changes: Record<string, unknown> = {}) => ({ id: "t1", updatedAt: "2026-01-02T03:04:05.678Z", name: "Machine learning", slug: "", description: "", ...changes });

describe("UpdateProfileInput", () => {
  it.each(["https://example.com", "http://example.com/me?x=1", "  https://sub.example.org/path  "])("accepts the website %j", (website) => {
    expect(UpdateProfileInput.parse(profile({ website })).website).toBe(website.trim());
  });

  it.each(["example.com", "www.example.com", "javascript:alert(1)", "ftp://example.com", "mailto:a@example.com", "https://", "http//example.com", "data:text/html,hi"])(
    "refuses the website %j with a message naming http(s)",
    (website) => {
      const result = UpdateProfileInput.safeParse(profile({ website }));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["website", "Website must be a full http:// or https:// address, such as https://example.com."],
      ]);
    },
  );

  it("treats an empty website and bio as none", () => {
    expect(UpdateProfileInput.parse(profile({ website: "   ", bio: "  " }))).toMatchObject({ website: "", bio: "" });
  });

  it.each([
    ["  Ada Lovelace  ", "ada-lovelace"],
    ["Crème Brûlée", "creme-brulee"],
    ["already-a-slug", "already-a-slug"],
    ["", ""],
  ])("normalises the slug %j to %j", (slug, expected) => {
    expect(UpdateProfileInput.parse(profile({ slug })).slug).toBe(expected);
  });

  it.each([
    [{ name: "   " }, "name"],
    [{ name: "n".repeat(101) }, "name"],
    [{ slug: "!!!" }, "slug"],
    [{ bio: "b".repeat(251) }, "bio"],
    [{ id: "" }, "id"],
  ])("refuses %j", (changes, field) => {
    const result = UpdateProfileInput.safeParse(profile(changes));
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([field]);
  });
});

describe("UpdateTagInput", () => {
  it("trims fields and normalises the slug", () => {
    expect(UpdateTagInput.parse(tag({ name: "  ML  ", slug: " Machine Learning ", description: "  About models.  " }))).toMatchObject({
      name: "ML",
      slug: "machine-learning",
      description: "About models.",
    });
  });

  it.each([
    [{ name: "" }, "name", "Give the tag a name."],
    [{ name: "?!" }, "name", "Use at least one letter or number in the name."],
    [{ name: "n".repeat(61) }, "name", "Name must be at most 60 characters."],
    [{ slug: "—" }, "slug", "Use at least one letter or number in the slug."],
    [{ description: "d".repeat(501) }, "description", "Description must be at most 500 characters."],
    [{ updatedAt: "last tuesday" }, "updatedAt", "Invalid request."],
  ])("refuses %j with one message", (changes, field, message) => {
    const result = UpdateTagInput.safeParse(tag(changes));
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([[field, message]]);
  });
});
