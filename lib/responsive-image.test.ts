import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ARTICLE_IMAGE_SIZES, publicImageFile, responsiveImage, srcSetUpTo } from "@/lib/responsive-image";

// "use cache" is a no-op outside Next; the cache profile call is Next's alone.
vi.mock("next/cache", () => ({ cacheLife: () => undefined }));

const UPLOADED = "0123456789abcdef01234567.jpg";
/** Uploaded before AVIF copies were made: its row lists WebP ones only. */
const OLDER = "fedcba9876543210fedcba98.png";
// The media table, as far as these tests need it: two uploaded photos and the copies their rows list.
vi.mock("@/lib/media/media", () => {
  const copy = (key: string, width: number, height: number) => ({ key, width, height, bytes: width * 10 });
  const rows = new Map([
    [
      "0123456789abcdef01234567.jpg",
      {
        width: 800,
        height: 600,
        alt: "A lighthouse at dusk",
        variants: [
          copy("0123456789abcdef01234567-800.webp", 800, 600),
          copy("0123456789abcdef01234567-320.avif", 320, 240),
          copy("0123456789abcdef01234567-320.webp", 320, 240),
          copy("0123456789abcdef01234567-800.avif", 800, 600),
        ],
      },
    ],
    ["fedcba9876543210fedcba98.png", { width: 500, height: 250, alt: "", variants: [copy("fedcba9876543210fedcba98-320.webp", 320, 160), copy("fedcba9876543210fedcba98-500.webp", 500, 250)] }],
  ]);
  return { getMediaRenditions: async (keys: readonly string[]) => new Map(keys.flatMap((key) => (rows.has(key) ? [[key, rows.get(key)!] as const] : []))) };
});

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

  it("gives an uploaded image an AVIF and a WebP source of its stored copies, its size and its library alt text", async () => {
    const image = await responsiveImage(`/media/${UPLOADED}`, ARTICLE_IMAGE_SIZES);
    expect(image).toEqual({
      src: `/media/${UPLOADED}`,
      sources: [
        { type: "image/avif", srcSet: "/media/0123456789abcdef01234567-320.avif 320w, /media/0123456789abcdef01234567-800.avif 800w" },
        { type: "image/webp", srcSet: "/media/0123456789abcdef01234567-320.webp 320w, /media/0123456789abcdef01234567-800.webp 800w" },
      ],
      sizes: ARTICLE_IMAGE_SIZES,
      width: 800,
      height: 600,
      alt: "A lighthouse at dusk",
    });
  });

  it("offers no AVIF source for an upload whose row lists no AVIF copies", async () => {
    const image = await responsiveImage(`/media/${OLDER}`, ARTICLE_IMAGE_SIZES);
    expect(image.sources).toEqual([{ type: "image/webp", srcSet: "/media/fedcba9876543210fedcba98-320.webp 320w, /media/fedcba9876543210fedcba98-500.webp 500w" }]);
    expect(image).toMatchObject({ src: `/media/${OLDER}`, width: 500, height: 250 });
    expect(image.srcSet).toBeUndefined();
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
