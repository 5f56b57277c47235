import { describe, expect, it } from "vitest";
import { ARTICLE_IMAGE_SIZES, responsiveImage } from "@/lib/responsive-image";

describe("responsiveImage", () => {
  it("gives an image on this site resized copies from the optimizer, smallest first", () => {
    const image = responsiveImage("/images/demo/budget.png", ARTICLE_IMAGE_SIZES);
    expect(image.sizes).toBe(ARTICLE_IMAGE_SIZES);
    const candidates = image.srcSet!.split(", ").map((candidate) => candidate.split(" "));
    expect(candidates.length).toBeGreaterThan(3);
    const widths = candidates.map(([, descriptor]) => Number(descriptor!.replace(/w$/, "")));
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    for (const [url, descriptor] of candidates) {
      const parsed = new URL(url!, "http://localhost");
      expect(parsed.pathname).toBe("/_next/image");
      expect(parsed.searchParams.get("url")).toBe("/images/demo/budget.png");
      expect(`${parsed.searchParams.get("w")}w`).toBe(descriptor);
    }
    // The fallback src is the largest copy, for browsers without srcset.
    expect(image.src).toBe(candidates.at(-1)![0]);
  });

  it.each([
    ["an image on another host", "https://images.example.com/photo.jpg"],
    ["a protocol-relative URL", "//images.example.com/photo.jpg"],
    ["an SVG on this site", "/images/diagram.svg"],
  ])("leaves %s as it is", (_, src) => {
    expect(responsiveImage(src, ARTICLE_IMAGE_SIZES)).toEqual({ src });
  });
});
