import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fontCodePoints, keepCovered } from "@/lib/font-coverage";

const geist = readFileSync(path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans/Geist-Regular.ttf"));

describe("fontCodePoints", () => {
  const covered = fontCodePoints(geist);

  it("reads Latin, Latin-1, Cyrillic and typographic punctuation from Geist", () => {
    for (const char of "Az09 éßøŁ Жж “”—…€") expect(covered.has(char.codePointAt(0)!), char).toBe(true);
  });

  it("does not claim characters the font lacks", () => {
    for (const char of ["中", "あ", "😀", "\u{1F680}", "ا"]) expect(covered.has(char.codePointAt(0)!), char).toBe(false);
    expect(covered.has(0xffff)).toBe(false);
  });

  it("rejects data that is not a font", () => {
    expect(() => fontCodePoints(new Uint8Array(64))).toThrow();
  });
});

describe("keepCovered", () => {
  const covered = new Set([..."abc -"].map((char) => char.codePointAt(0)!));

  it("drops characters outside the set and tidies the spaces left behind", () => {
    expect(keepCovered("a 😀 b—c", covered)).toBe("a bc");
    expect(keepCovered("  中文  ", covered)).toBe("");
  });

  it("keeps astral characters the font has", () => {
    expect(keepCovered("a🚀", new Set([0x61, 0x1f680]))).toBe("a🚀");
  });
});
