import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ARTICLE_IMAGE_SIZES, publicImageFile, responsiveImage, srcSetUpTo } from "@/lib/responsive-image";

// "use cache" is a no-op outside Next; the cache profile call is Next's alone.
vi.mock("next/cache", () => ({ cacheLife: () => undefined }));

const UPLOADED = "0123456789abcdef01234567.jpg";
// The media table, as far as these tests need it: one uploaded photo with two copies.
vi.mock("@/lib/media/media", () => ({
  getMediaRenditions: async (keys: readonly string[]) =>
    new Map(
      keys
        .filter((key) => key === "0123456789abcdef01234567.jpg")
        .map((key) => [
          key,
          {
            width: 800,
            height: 600,
            alt: "A lighthouse at dusk",
            variants: [
              { key: "0123456789abcdef01234567-800.webp", width: 800, height: 600, bytes: 9000 },
              { key: "0123456789abcdef01234567-320.webp", width: 320, height: 240, bytes: 2000 },
            ],
          },
        ]),
    ),
}));

const FIGURE = "/demo/latency-budget.png";

function candidates(srcSet: string) {
  return srcSet.split(", ").map((candidate) => {
    const [url, descriptor] = candidate.split(" ");
    return { url: new URL(url!, "http://localhost"), width: Number(descriptor!.replace(/w$/, "")) };
  });
}

describe("responsiveImage", () => {
  it("gives an image in public/ resized copies, smallest first, then itself, with its own size", async () => {
    const image = await responsiveImage(FIGURE, ARTICLE_IMAGE_SIZES);
    expect(image).toMatchObject({ src: FIGURE, sizes: ARTICLE_IMAGE_SIZES, width: 1600, height: 600 });
    const list = candidates(image.srcSet!);
    const widths = list.map((candidate) => candidate.width);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(list.at(-1)).toEqual({ url: new URL(FIGURE, "http://localhost"), width: 1600 });
    for (const { url, width } of list.slice(0, -1)) {
      expect(url.pathname).toBe("/_next/image");
      expect(url.searchParams.get("url")).toBe(FIGURE);
      expect(Number(url.searchParams.get("w"))).toBe(width);
      expect(width).toBeLessThan(1600);
    }
  });

  it("gives an uploaded image the srcset of its stored copies, its size and its library alt text", async () => {
    const image = await responsiveImage(`/media/${UPLOADED}`, ARTICLE_IMAGE_SIZES);
    expect(image).toEqual({
      src: `/media/${UPLOADED}`,
      srcSet: "/media/0123456789abcdef01234567-320.webp 320w, /media/0123456789abcdef01234567-800.webp 800w",
      sizes: ARTICLE_IMAGE_SIZES,
      width: 800,
      height: 600,
      alt: "A lighthouse at dusk",
    });
  });

  it("leaves an uploaded image that no longer exists as it is", async () => {
    expect(await responsiveImage("/media/ffffffffffffffffffffffff.png", ARTICLE_IMAGE_SIZES)).toEqual({ src: "/media/ffffffffffffffffffffffff.png" });
  });

  it.each([
    ["an image on another host", "https://images.example.com/photo.jpg"],
    ["a path to no file", "/demo/missing.png"],
  ])("leaves %s as it is", async (_, src) => {
    expect(await responsiveImage(src, ARTICLE_IMAGE_SIZES)).toEqual({ src });
  });
});

describe("publicImageFile", () => {
  it("finds a plain path in public/", () => {
    expect(publicImageFile(FIGURE)).toBe(path.join(process.cwd(), "public", "demo", "latency-budget.png"));
    expect(publicImageFile("/demo/Photo%20One.JPG")).toBe(path.join(process.cwd(), "public", "demo", "Photo One.JPG"));
  });

  it.each([
    "https://images.example.com/photo.jpg",
    "//images.example.com/photo.jpg",
    "/\\images.example.com/photo.jpg",
    "/demo/a.png?v=2",
    "/demo/a.png#top",
    "/demo/a b.png",
    "/demo/a,b.png",
    "/demo/diagram.svg",
    "/demo/animation.gif",
    "/demo/no-extension",
    "/../package.json.png",
    "/%2e%2e/secret.png",
    "/demo/%E0%A4%A.png",
  ])("refuses %s", (src) => {
    expect(publicImageFile(src)).toBeNull();
  });
});

describe("srcSetUpTo", () => {
  it("lists only copies narrower than the image, then the image at its own width", () => {
    const { srcSet } = srcSetUpTo("/demo/narrow.png", 500, ARTICLE_IMAGE_SIZES);
    const list = candidates(srcSet);
    expect(list.at(-1)).toEqual({ url: new URL("/demo/narrow.png", "http://localhost"), width: 500 });
    expect(list.slice(0, -1).every((candidate) => candidate.width < 500 && candidate.url.pathname === "/_next/image")).toBe(true);
    expect(candidates(srcSetUpTo("/demo/tiny.png", 20, ARTICLE_IMAGE_SIZES).srcSet)).toEqual([{ url: new URL("/demo/tiny.png", "http://localhost"), width: 20 }]);
  });
});
