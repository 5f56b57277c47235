import { describe, expect, it } from "vitest";
import {
  contentTypeOfKey,
  formatBytes,
  mediaKeyFromSrc,
  mediaKeysIn,
  missingVariants,
  originalKey,
  planVariants,
  planVariantWidths,
  scaledHeight,
  variantFormat,
  variantKey,
  variantSources,
  variantSrcSet,
} from "@/lib/media/variants";

const HASH = "0123456789abcdef01234567";

describe("planVariantWidths", () => {
  it("makes every standard width narrower than the image, then the image's own width", () => {
    expect(planVariantWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(planVariantWidths(640)).toEqual([320, 640]);
    expect(planVariantWidths(100)).toEqual([100]);
  });

  it("stops at the largest standard width for wider images and never enlarges", () => {
    expect(planVariantWidths(4000)).toEqual([320, 640, 960, 1280, 1600, 1920]);
    expect(planVariantWidths(1920)).toEqual([320, 640, 960, 1280, 1600, 1920]);
    for (const width of [1, 50, 321, 1919, 1921, 8000]) expect(Math.max(...planVariantWidths(width))).toBeLessThanOrEqual(width);
  });

  it("plans nothing for a width that is not a positive integer", () => {
    expect(planVariantWidths(0)).toEqual([]);
    expect(planVariantWidths(Number.NaN)).toEqual([]);
    expect(planVariantWidths(10.5)).toEqual([]);
  });
});

describe("planVariants", () => {
  it("plans every width in AVIF and in WebP", () => {
    expect(planVariants(1000)).toEqual([
      ...[320, 640, 960, 1000].map((width) => ({ width, format: "avif" })),
      ...[320, 640, 960, 1000].map((width) => ({ width, format: "webp" })),
    ]);
  });

  it("plans no AVIF copies of an animation, which sharp would write as a still", () => {
    expect(planVariants(700, { animated: true })).toEqual([320, 640, 700].map((width) => ({ width, format: "webp" })));
  });

  it("plans nothing for a width that is not a positive integer", () => {
    expect(planVariants(0)).toEqual([]);
  });
});

describe("missingVariants", () => {
  const webp = (width: number) => ({ key: `${HASH}-${width}.webp`, width, height: width / 2, bytes: 1 });
  const avif = (width: number) => ({ key: `${HASH}-${width}.avif`, width, height: width / 2, bytes: 1 });

  it("gives an upload from before AVIF copies the AVIF ones at the widths it has WebP ones", () => {
    expect(missingVariants(1000, [320, 640, 960, 1000].map(webp))).toEqual([320, 640, 960, 1000].map((width) => ({ width, format: "avif" })));
  });

  it("finds nothing missing in a complete row, nor in an animation's WebP-only one", () => {
    const complete = [...[320, 640].map(avif), ...[320, 640].map(webp)];
    expect(missingVariants(640, complete)).toEqual([]);
    expect(missingVariants(640, [320, 640].map(webp), { animated: true })).toEqual([]);
  });

  it("fills gaps by width and format and ignores copies beyond the plan", () => {
    expect(missingVariants(640, [webp(320), avif(640), webp(640), webp(100)])).toEqual([{ width: 320, format: "avif" }]);
  });
});

describe("keys", () => {
  it("names the original by hash and format, never by the uploaded name", () => {
    expect(originalKey(HASH, "jpeg")).toBe(`${HASH}.jpg`);
    expect(originalKey(HASH, "avif")).toBe(`${HASH}.avif`);
    expect(() => originalKey("../../etc/passwd", "png")).toThrow();
    expect(() => originalKey("ABCDEF", "png")).toThrow();
  });

  it("names copies after their original, width and format", () => {
    expect(variantKey(`${HASH}.png`, 640)).toBe(`${HASH}-640.webp`);
    expect(variantKey(`${HASH}.png`, 640, "avif")).toBe(`${HASH}-640.avif`);
    expect(variantFormat({ key: `${HASH}-640.avif` })).toBe("avif");
    expect(variantFormat({ key: `${HASH}-640.webp` })).toBe("webp");
    expect(variantFormat({ key: `${HASH}.avif` })).toBeNull();
  });

  it("finds the original key behind a media path and nowhere else", () => {
    expect(mediaKeyFromSrc(`/media/${HASH}.jpg`)).toBe(`${HASH}.jpg`);
    expect(mediaKeyFromSrc(`/media/${HASH}-640.webp`)).toBeNull();
    expect(mediaKeyFromSrc(`/media/${HASH}.jpg?x=1`)).toBeNull();
    expect(mediaKeyFromSrc(`https://elsewhere.example/media/${HASH}.jpg`)).toBeNull();
    expect(mediaKeyFromSrc("/demo/latency-budget.png")).toBeNull();
  });

  it("lists every original mentioned in a document once", () => {
    const other = "fedcba9876543210fedcba98";
    const doc = JSON.stringify({
      content: [
        { type: "image", attrs: { src: `/media/${HASH}.png` } },
        { type: "image", attrs: { src: `/media/${other}.jpg` } },
        { type: "image", attrs: { src: `/media/${HASH}.png` } },
        { type: "image", attrs: { src: `/media/${other}-640.webp` } },
      ],
    });
    expect(mediaKeysIn(doc)).toEqual([`${HASH}.png`, `${other}.jpg`]);
  });

  it("gives a Content-Type for every stored extension and none for others", () => {
    expect(contentTypeOfKey(`${HASH}.jpg`)).toBe("image/jpeg");
    expect(contentTypeOfKey(`${HASH}-320.webp`)).toBe("image/webp");
    expect(contentTypeOfKey(`${HASH}-320.avif`)).toBe("image/avif");
    expect(contentTypeOfKey(`${HASH}.gif`)).toBe("image/gif");
    expect(contentTypeOfKey(`${HASH}.svg`)).toBeNull();
    expect(contentTypeOfKey(`${HASH}.html`)).toBeNull();
  });
});

describe("variantSrcSet and variantSources", () => {
  const variants = [
    { key: `${HASH}-640.webp`, width: 640, height: 480, bytes: 1 },
    { key: `${HASH}-640.avif`, width: 640, height: 480, bytes: 1 },
    { key: `${HASH}-320.webp`, width: 320, height: 240, bytes: 1 },
    { key: `${HASH}-320.avif`, width: 320, height: 240, bytes: 1 },
  ];

  it("lists one format's copies narrowest first with their widths", () => {
    expect(variantSrcSet(variants)).toBe(`/media/${HASH}-320.webp 320w, /media/${HASH}-640.webp 640w`);
    expect(variantSrcSet(variants, "avif")).toBe(`/media/${HASH}-320.avif 320w, /media/${HASH}-640.avif 640w`);
  });

  it("offers AVIF first, then WebP, and only formats the row has copies in", () => {
    expect(variantSources(variants)).toEqual([
      { type: "image/avif", srcSet: `/media/${HASH}-320.avif 320w, /media/${HASH}-640.avif 640w` },
      { type: "image/webp", srcSet: `/media/${HASH}-320.webp 320w, /media/${HASH}-640.webp 640w` },
    ]);
    const older = variants.filter((variant) => variant.key.endsWith(".webp"));
    expect(variantSources(older)).toEqual([{ type: "image/webp", srcSet: `/media/${HASH}-320.webp 320w, /media/${HASH}-640.webp 640w` }]);
    expect(variantSources([])).toEqual([]);
  });
});

describe("sizes and messages", () => {
  it("scales heights as sharp rounds them", () => {
    expect(scaledHeight(1000, 667, 320)).toBe(213);
    expect(scaledHeight(4000, 1, 320)).toBe(1);
  });

  it("states sizes the way the limit message needs", () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(2.45 * 1024 * 1024)).toBe("2.5 MB");
    expect(formatBytes(800 * 1024)).toBe("800 KB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
