import { describe, expect, it, vi } from "vitest";
import { MAX_SLUG_LENGTH, SLUG_PATTERN, slugify, uniqueSlug } from "@/lib/slug";

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["  Leading and trailing  ", "leading-and-trailing"],
    ["Multiple   spaces --- and---hyphens", "multiple-spaces-and-hyphens"],
    ["'Quoted' \"words\"", "quoted-words"],
    ["snake_case_title", "snake-case-title"],
    ["C++ & Rust", "c-and-rust"],
    ["Version 2.0 released", "version-2-0-released"],
  ])("turns punctuation into single hyphens: %j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it.each([
    ["Héllo Wörld", "hello-woerld"],
    ["Crème brûlée", "creme-brulee"],
    ["Straße", "strasse"],
    ["Ærøskøbing", "aeroskobing"],
    ["Привет мир", "privet-mir"],
  ])("transliterates %j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it.each(["", "   ", "!!!", "—", "?!.,;:", "@#$%^*()"])("returns an empty slug for %j", (input) => {
    expect(slugify(input)).toBe("");
  });

  it("caps the length at MAX_SLUG_LENGTH", () => {
    expect(MAX_SLUG_LENGTH).toBe(96);
    expect(slugify("a".repeat(200))).toBe("a".repeat(96));
  });

  it("does not end with a hyphen when the cap falls between words", () => {
    // The 96th character of the full slug is the hyphen before "bcccc".
    const slug = slugify(`${"a".repeat(95)} bcccc`);
    expect(slug).toBe("a".repeat(95));
  });

  it("keeps long multi-word titles within the cap and the slug pattern", () => {
    const slug = slugify("The quick brown fox jumps over the lazy dog ".repeat(6));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it.each(["Hello, World!", "Héllo Wörld", "  --a--b--  ", "x".repeat(300), "Ünïcödé — test!"])(
    "always produces a slug matching SLUG_PATTERN for %j",
    (input) => {
      expect(slugify(input)).toMatch(SLUG_PATTERN);
    },
  );
});

describe("uniqueSlug", () => {
  const takenSet = (...slugs: string[]) => {
    const taken = new Set(slugs);
    return vi.fn(async (slug: string) => taken.has(slug));
  };

  it("returns the base when it is free", async () => {
    const isTaken = takenSet();
    await expect(uniqueSlug("hello", isTaken)).resolves.toBe("hello");
    expect(isTaken).toHaveBeenCalledTimes(1);
  });

  it("appends -2 when the base is taken", async () => {
    await expect(uniqueSlug("hello", takenSet("hello"))).resolves.toBe("hello-2");
  });

  it("counts up -2, -3, … until a slug is free", async () => {
    const isTaken = takenSet("hello", "hello-2", "hello-3");
    await expect(uniqueSlug("hello", isTaken)).resolves.toBe("hello-4");
    expect(isTaken.mock.calls.map(([slug]) => slug)).toEqual(["hello", "hello-2", "hello-3", "hello-4"]);
  });

  it("uses 'untitled' for an empty base", async () => {
    await expect(uniqueSlug("", takenSet())).resolves.toBe("untitled");
    await expect(uniqueSlug("", takenSet("untitled"))).resolves.toBe("untitled-2");
  });

  it("shortens the base so the suffix fits within the cap", async () => {
    const base = "a".repeat(MAX_SLUG_LENGTH);
    const slug = await uniqueSlug(base, takenSet(base));
    expect(slug).toBe(`${"a".repeat(MAX_SLUG_LENGTH - 2)}-2`);
    expect(slug).toHaveLength(MAX_SLUG_LENGTH);
  });

  it("keeps two-digit suffixes within the cap", async () => {
    const base = "a".repeat(MAX_SLUG_LENGTH);
    const taken = [base, ...Array.from({ length: 8 }, (_, i) => `${"a".repeat(MAX_SLUG_LENGTH - 2)}-${i + 2}`)];
    const slug = await uniqueSlug(base, takenSet(...taken));
    expect(slug).toBe(`${"a".repeat(MAX_SLUG_LENGTH - 3)}-10`);
    expect(slug).toHaveLength(MAX_SLUG_LENGTH);
  });

  it("does not leave a double hyphen when shortening cuts at a hyphen", async () => {
    const base = `${"a".repeat(93)}-bc`;
    expect(base).toHaveLength(MAX_SLUG_LENGTH);
    const slug = await uniqueSlug(base, takenSet(base));
    expect(slug).toBe(`${"a".repeat(93)}-2`);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
