import { describe, expect, it } from "vitest";
import { diffRevisionSettings, diffRevisionText, settingsChanged, type DiffPart } from "@/lib/posts/revision-diff";
import { readRevisionSettings, type RevisionSettingsState, type StoredRevisionSettings } from "@/lib/validations/revision-settings";

const text = (parts: DiffPart[], kind: "added" | "removed") => parts.filter((part) => part[kind]).map((part) => part.value).join("|");
const older = (text: string, title = "Title") => ({ title, customExcerpt: "", text });

describe("diffRevisionText", () => {
  it("reports no change for equal revisions", () => {
    const diff = diffRevisionText(older("One.\nTwo."), older("One.\nTwo."));
    expect(diff.changed).toBe(false);
    expect(diff.body.map((part) => part.value).join("")).toBe("One.\nTwo.\n");
  });

  it("narrows an edited line down to the words that changed", () => {
    const diff = diffRevisionText(older("Intro.\nThe quick brown fox.\nOutro."), older("Intro.\nThe quick red fox.\nOutro."));
    expect(diff.changed).toBe(true);
    expect(text(diff.body, "removed")).toBe("brown");
    expect(text(diff.body, "added")).toBe("red");
    // Unchanged lines are kept whole around the edit, in order.
    expect(diff.body.map((part) => part.value).join("")).toBe("Intro.\nThe quick brownred fox.\nOutro.\n");
  });

  it("shows added and removed blocks as whole lines", () => {
    const diff = diffRevisionText(older("Keep.\nGone."), older("Keep.\nNew one.\nAnd another."));
    expect(text(diff.body, "removed")).toContain("Gone");
    expect(text(diff.body, "added")).toContain("And another.");
  });

  it("compares title and excerpt by words", () => {
    const diff = diffRevisionText({ title: "Old title", customExcerpt: "Short", text: "" }, { title: "New title", customExcerpt: "Short", text: "" });
    expect(text(diff.title, "removed")).toBe("Old");
    expect(text(diff.title, "added")).toBe("New");
    expect(diff.customExcerpt.some((part) => part.added || part.removed)).toBe(false);
    expect(diff.changed).toBe(true);
  });
});

describe("diffRevisionSettings", () => {
  const base: StoredRevisionSettings = {
    slug: "a-post",
    tags: [
      { id: "t1", name: "News" },
      { id: "t2", name: "Old" },
    ],
    featureImage: null,
    featureImageAlt: "",
    featureImageCaption: "",
    metaTitle: "",
    metaDescription: "Before",
    canonicalUrl: null,
    socialTitle: "",
    socialDescription: "",
    socialImage: null,
    publishedAt: null,
  };
  const recorded = (settings: Partial<StoredRevisionSettings> = {}): RevisionSettingsState => ({ state: "recorded", settings: { ...base, ...settings } });
  const format = (iso: string) => `at ${iso.slice(0, 10)}`;

  it("lists each changed setting with its label, old and new value, and tags by id", () => {
    const diff = diffRevisionSettings(
      recorded(),
      recorded({
        slug: "a-new-post",
        metaDescription: "After",
        featureImage: "/media/0123456789abcdef01234567.png",
        // t1 renamed in tag management is not a change; t2 went, t3 came.
        tags: [
          { id: "t1", name: "Updates" },
          { id: "t3", name: "Python" },
        ],
      }),
      format,
    );
    expect(diff).toEqual({
      recorded: true,
      changes: [
        { field: "slug", label: "Slug", from: "a-post", to: "a-new-post" },
        { field: "featureImage", label: "Feature image", from: "", to: "/media/0123456789abcdef01234567.png" },
        { field: "metaDescription", label: "Meta description", from: "Before", to: "After" },
      ],
      tagsAdded: ["Python"],
      tagsRemoved: ["Old"],
    });
    expect(settingsChanged(diff)).toBe(true);
    expect(diffRevisionText(older(""), older(""), diff).changed).toBe(true);
  });

  it("shows a publish date only when it moved between two dates (the first one is the publish itself)", () => {
    expect(diffRevisionSettings(recorded(), recorded({ publishedAt: "2026-12-01T10:00:00.000Z" }), format)).toMatchObject({ changes: [] });
    const moved = diffRevisionSettings(recorded({ publishedAt: "2026-12-01T10:00:00.000Z" }), recorded({ publishedAt: "2023-04-05T06:07:00.000Z" }), format);
    expect(moved).toMatchObject({ changes: [{ field: "publishedAt", label: "Publish date", from: "at 2026-12-01", to: "at 2023-04-05" }] });
  });

  it("claims nothing when either revision has no readable settings", () => {
    expect(diffRevisionSettings({ state: "none" }, recorded(), format)).toEqual({ recorded: false, unreadable: false });
    expect(diffRevisionSettings(recorded(), { state: "unreadable" }, format)).toEqual({ recorded: false, unreadable: true });
    const diff = diffRevisionText(older("Same."), older("Same."), diffRevisionSettings({ state: "none" }, recorded({ metaDescription: "x" }), format));
    expect(diff.changed).toBe(false);
  });
});

describe("readRevisionSettings", () => {
  const valid = {
    slug: "a-post",
    tags: [{ id: "t1", name: "News" }],
    featureImage: "/media/0123456789abcdef01234567.png",
    featureImageAlt: "A cat",
    featureImageCaption: "",
    metaTitle: "",
    metaDescription: "",
    canonicalUrl: "https://origin.example/a",
    socialTitle: "",
    socialDescription: "",
    socialImage: null,
    publishedAt: "2026-12-01T10:00:00.000Z",
  };

  it("reads settings as stored, and SQL NULL as not recorded", () => {
    expect(readRevisionSettings(valid)).toEqual({ state: "recorded", settings: valid });
    expect(readRevisionSettings(null)).toEqual({ state: "none" });
  });

  it("refuses malformed values instead of throwing", () => {
    for (const bad of [
      "a string",
      [],
      { ...valid, tags: "news" },
      { ...valid, slug: "Not A Slug" },
      { ...valid, canonicalUrl: "javascript:alert(1)" },
      { ...valid, featureImage: "javascript:alert(1)" },
      { ...valid, publishedAt: "yesterday" },
      { ...valid, metaDescription: undefined },
    ]) {
      expect(readRevisionSettings(bad)).toEqual({ state: "unreadable" });
    }
  });
});
