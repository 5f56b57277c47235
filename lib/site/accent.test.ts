import { describe, expect, it } from "vitest";
import { accentContrast, accentProperties, accentStyleSheet, contrastRatio, normaliseHexColour } from "@/lib/site/accent";

describe("normaliseHexColour", () => {
  it("accepts six- and three-digit hex with or without #, in lower case", () => {
    expect(normaliseHexColour("#4F46E5")).toBe("#4f46e5");
    expect(normaliseHexColour("4f46e5")).toBe("#4f46e5");
    expect(normaliseHexColour(" #48e ")).toBe("#4488ee");
  });

  it.each(["", "#", "#12345", "#1234567", "red", "rgb(0,0,0)", "#ggg000", "#4f46e5;}body{", "url(x)"])("refuses %j", (raw) => {
    expect(normaliseHexColour(raw)).toBeNull();
  });
});

describe("contrast", () => {
  it("matches the WCAG 2 formula at its ends and for known pairs", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    // #767676 on white is the lightest grey that passes AA (4.54:1); #777777 fails (4.47:1).
    expect(contrastRatio("#767676", "#ffffff")).toBe(4.54);
    expect(contrastRatio("#777777", "#ffffff")).toBe(4.47);
  });

  it("passes accents that read on white and refuses those that do not", () => {
    expect(accentContrast("#4f46e5")).toEqual({ ratio: expect.closeTo(6.29, 1), passes: true });
    expect(accentContrast("#767676").passes).toBe(true);
    expect(accentContrast("#777777").passes).toBe(false);
    expect(accentContrast("#facc15").passes).toBe(false);
    expect(accentContrast("#ffffff").passes).toBe(false);
  });
});

describe("accentProperties", () => {
  it("uses the accent for light-theme text and buttons, and a shade that passes AA on the dark backgrounds", () => {
    const props = accentProperties("#1d4ed8");
    expect(props["--color-indigo-700"]).toBe("#1d4ed8");
    expect(props["--color-indigo-600"]).toBe("#1d4ed8");
    const darkText = props["--color-indigo-300"]!;
    expect(contrastRatio(darkText, "#09090b")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darkText, "#18181b")).toBeGreaterThanOrEqual(4.5);
  });

  it("lightens a very dark accent all the way when it must", () => {
    const darkText = accentProperties("#000000")["--color-indigo-300"]!;
    expect(contrastRatio(darkText, "#18181b")).toBeGreaterThanOrEqual(4.5);
  });

  it("writes one rule of generated hex values only", () => {
    expect(accentStyleSheet("#1d4ed8")).toMatch(/^:root\{(--[a-z0-9-]+:#[0-9a-f]{6};?)+\}$/);
  });
});
