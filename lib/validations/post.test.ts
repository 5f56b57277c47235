import { describe, expect, it } from "vitest";
import {
  DeletePostInput,
  MAX_CONTENT_CHARS,
  MAX_EXCERPT_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
  SavePostInput,
} from "@/lib/validations/post";

const valid = {
  version: 0,
  title: "Hello, readers",
  slug: "hello-readers",
  customExcerpt: "",
  tags: ["typescript"],
  content: JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] }),
};

/** The dotted paths of the issues a failed parse reports. */
function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join("."));
}

describe("SavePostInput", () => {
  it("accepts a complete input", () => {
    expect(SavePostInput.parse(valid)).toEqual(valid);
  });

  // The body is a JSON string here: nothing in the schema walks the document, so no depth can overflow
  // it; parsePostDoc limits the depth once the string is parsed.
  it("parses a body nested thousands of levels deep without overflowing", () => {
    const depth = 20_000;
    const content = '{"type":"doc","content":[' + '{"type":"blockquote","content":['.repeat(depth) + "]}".repeat(depth) + "]}";
    expect(content.length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
    expect(SavePostInput.parse({ ...valid, content }).content).toBe(content);
  });

  it("accepts an id for an existing post", () => {
    expect(SavePostInput.parse({ ...valid, id: "clx123" }).id).toBe("clx123");
  });

  it("trims the title, excerpt and tags", () => {
    const parsed = SavePostInput.parse({
      ...valid,
      title: "  Hello  ",
      customExcerpt: "\n An excerpt. \t",
      tags: ["  typescript ", " next.js"],
    });
    expect(parsed.title).toBe("Hello");
    expect(parsed.customExcerpt).toBe("An excerpt.");
    expect(parsed.tags).toEqual(["typescript", "next.js"]);
  });

  it("trims and lowercases the slug", () => {
    expect(SavePostInput.parse({ ...valid, slug: "  Hello-World " }).slug).toBe("hello-world");
  });

  it("allows an empty slug, meaning derive it from the title", () => {
    expect(SavePostInput.parse({ ...valid, slug: "" }).slug).toBe("");
    expect(SavePostInput.parse({ ...valid, slug: "   " }).slug).toBe("");
  });

  it.each(["hello", "hello-world", "post-2", "2024", "a-b-c"])("accepts the slug %j", (slug) => {
    expect(SavePostInput.parse({ ...valid, slug }).slug).toBe(slug);
  });

  it.each(["Hello World", "hello world", "a--b", "-a", "a-", "a_b", "héllo", "a/b", "a.b", "<script>"])(
    "rejects the slug %j",
    (slug) => {
      expect(issuePaths(SavePostInput.safeParse({ ...valid, slug }))).toContain("slug");
    },
  );

  it("limits the slug to 96 characters", () => {
    expect(SavePostInput.safeParse({ ...valid, slug: "a".repeat(96) }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, slug: "a".repeat(97) }))).toContain("slug");
  });

  it("limits the title", () => {
    expect(MAX_TITLE_LENGTH).toBe(200);
    expect(SavePostInput.safeParse({ ...valid, title: "t".repeat(200) }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, title: "t".repeat(201) }))).toEqual(["title"]);
  });

  it("measures the title after trimming", () => {
    expect(SavePostInput.safeParse({ ...valid, title: `  ${"t".repeat(200)}  ` }).success).toBe(true);
  });

  it("limits the excerpt", () => {
    expect(MAX_EXCERPT_LENGTH).toBe(500);
    expect(SavePostInput.safeParse({ ...valid, customExcerpt: "e".repeat(500) }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, customExcerpt: "e".repeat(501) }))).toEqual([
      "customExcerpt",
    ]);
  });

  it("limits the number of tags", () => {
    expect(MAX_TAGS).toBe(10);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
    expect(SavePostInput.safeParse({ ...valid, tags: tags(10) }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, tags: tags(11) }))).toEqual(["tags"]);
  });

  it("rejects blank and over-long tag names, reporting the index", () => {
    expect(issuePaths(SavePostInput.safeParse({ ...valid, tags: ["ok", "   "] }))).toEqual(["tags.1"]);
    expect(SavePostInput.safeParse({ ...valid, tags: ["t".repeat(60)] }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, tags: ["t".repeat(61)] }))).toEqual(["tags.0"]);
  });

  it("limits the content length", () => {
    expect(SavePostInput.safeParse({ ...valid, content: "x".repeat(MAX_CONTENT_CHARS) }).success).toBe(true);
    expect(issuePaths(SavePostInput.safeParse({ ...valid, content: "x".repeat(MAX_CONTENT_CHARS + 1) }))).toEqual([
      "content",
    ]);
  });

  it("requires the content to be a string", () => {
    expect(issuePaths(SavePostInput.safeParse({ ...valid, content: { type: "doc" } }))).toEqual(["content"]);
  });

  it("coerces the version from a string", () => {
    expect(SavePostInput.parse({ ...valid, version: "3" }).version).toBe(3);
  });

  it.each(["abc", -1, 1.5])("rejects the version %j", (version) => {
    expect(issuePaths(SavePostInput.safeParse({ ...valid, version }))).toEqual(["version"]);
  });

  it("requires the version", () => {
    const input: Record<string, unknown> = { ...valid };
    delete input.version;
    expect(issuePaths(SavePostInput.safeParse(input))).toEqual(["version"]);
  });

  it.each([["", "empty"], ["i".repeat(65), "over 64 characters"]])("rejects an id that is %s", (id) => {
    expect(issuePaths(SavePostInput.safeParse({ ...valid, id }))).toEqual(["id"]);
  });

  it.each(["title", "slug", "customExcerpt", "tags", "content"] as const)("requires %s", (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    expect(issuePaths(SavePostInput.safeParse(input))).toEqual([field]);
  });
});

describe("DeletePostInput", () => {
  it("accepts an id and version, coercing the version", () => {
    expect(DeletePostInput.parse({ id: "clx123", version: "4" })).toEqual({ id: "clx123", version: 4 });
  });

  it.each([0, -1, 1.5, "abc"])("rejects the version %j", (version) => {
    expect(issuePaths(DeletePostInput.safeParse({ id: "clx123", version }))).toEqual(["version"]);
  });

  it.each([["", "empty"], ["i".repeat(65), "over 64 characters"]])("rejects an id that is %s", (id) => {
    expect(issuePaths(DeletePostInput.safeParse({ id, version: 1 }))).toEqual(["id"]);
  });

  it("requires the id", () => {
    expect(issuePaths(DeletePostInput.safeParse({ version: 1 }))).toEqual(["id"]);
  });
});
