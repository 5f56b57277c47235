import { describe, expect, it } from "vitest";
import { canonicalUrlFromInput, SavePostSettingsInput } from "@/lib/validations/post-settings";

const base = { postId: "p1", metaTitle: "", metaDescription: "", canonicalUrl: "", socialTitle: "", socialDescription: "", socialImage: "", publishedAt: "" };
const parse = (fields: Partial<typeof base>) => SavePostSettingsInput.safeParse({ ...base, ...fields });
const messages = (fields: Partial<typeof base>) => {
  const result = parse(fields);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("canonicalUrlFromInput", () => {
  it("takes absolute http(s) URLs, normalised", () => {
    expect(canonicalUrlFromInput(" https://Example.com/a b ")).toBe("https://example.com/a%20b");
    expect(canonicalUrlFromInput("http://example.com")).toBe("http://example.com/");
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "ftp://example.com/", "//example.com/x", "/blog/post", "example.com/post", "https://user:pw@example.com/", "https://", "JaVaScRiPt:alert(1)//https://x"])(
    "refuses %s",
    (raw) => {
      expect(canonicalUrlFromInput(raw)).toBeNull();
    },
  );
});

describe("SavePostSettingsInput", () => {
  it("trims text and accepts empty settings", () => {
    const result = parse({ metaTitle: "  Title  ", metaDescription: " About. " });
    expect(result.success && result.data).toMatchObject({ metaTitle: "Title", metaDescription: "About.", canonicalUrl: "", socialImage: "" });
  });

  it("limits lengths with messages naming the field", () => {
    expect(messages({ metaTitle: "x".repeat(301) })).toEqual(["metaTitle: Meta title must be at most 300 characters."]);
    expect(messages({ metaDescription: "x".repeat(501) })).toEqual(["metaDescription: Meta description must be at most 500 characters."]);
    expect(messages({ socialTitle: "x".repeat(301) })).toEqual(["socialTitle: Social title must be at most 300 characters."]);
    expect(parse({ metaTitle: "x".repeat(300), metaDescription: "x".repeat(500) }).success).toBe(true);
  });

  it("refuses unsafe canonical URLs and social images", () => {
    expect(messages({ canonicalUrl: "javascript:alert(1)" })).toEqual(["canonicalUrl: The canonical URL must be a full http:// or https:// address."]);
    expect(messages({ socialImage: "javascript:alert(1)" })).toEqual(["socialImage: Use an uploaded image, an http(s) image URL or a path on this site."]);
    expect(messages({ socialImage: "data:image/png;base64,AAAA" })).toHaveLength(1);
    const ok = parse({ canonicalUrl: "https://origin.example/post", socialImage: "/media/abc.webp" });
    expect(ok.success && ok.data).toMatchObject({ canonicalUrl: "https://origin.example/post", socialImage: "/media/abc.webp" });
  });

  it("takes a publish date only as a date and time", () => {
    expect(parse({ publishedAt: "2024-03-01T09:30" }).success).toBe(true);
    expect(parse({ publishedAt: "2024-03-01T09:30:15" }).success).toBe(true);
    expect(messages({ publishedAt: "yesterday" })).toEqual(["publishedAt: Give the publish date as a date and time."]);
  });
});
