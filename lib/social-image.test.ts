import { createElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PublicPost } from "@/lib/posts";

vi.mock("next/cache", () => ({ cacheTag: () => undefined, cacheLife: () => undefined }));
vi.mock("@/lib/site", () => ({ getSiteSettings: async () => ({ title: "Ironbark Engineering Notes", description: "Notes.", accentColor: "#1d4ed8" }) }));
vi.mock("@/lib/tags", () => ({ getPublicTag: async (slug: string) => (slug === "rust" ? { name: "Rust", slug, description: "Systems notes.", postCount: 3 } : null) }));
vi.mock("@/lib/users", () => ({ getPublicAuthor: async (slug: string) => (slug === "maya" ? { name: "Maya Okafor", slug, bio: null, website: null, postCount: 2 } : null) }));
vi.mock("@/lib/urls", () => ({ absoluteUrl: (path: string) => `https://blog.example${path}` }));
const posts = new Map<string, Partial<PublicPost>>();
vi.mock("@/lib/posts", () => ({ getPublishedPost: async (slug: string) => posts.get(slug) ?? null }));

const { getListSocialImage, getPostSocialImage, listSocialImage, listSocialImagePath, postSocialImage, postSocialImagePath, SOCIAL_IMAGE_SIZE } = await import(
  "@/lib/social-image"
);

const author = { name: "Maya Okafor", slug: "maya-okafor", bio: null, website: null };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("getPostSocialImage", () => {
  // next/og loads its own WebAssembly through fetch() of data: URLs; anything else would be the network.
  const realFetch = globalThis.fetch;
  const networkUrls: string[] = [];
  const fetchSpy = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith("data:")) return realFetch(input, init);
    networkUrls.push(url);
    throw new Error("no network in tests");
  });

  beforeEach(() => {
    vi.stubGlobal("fetch", fetchSpy);
    networkUrls.length = 0;
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("renders a 1200×630 PNG for a published post", { timeout: 30_000 }, async () => {
    posts.set("hello", { title: "Cutting p99 latency in a retrieval pipeline", author });
    const png = await getPostSocialImage("hello");
    expect(png).not.toBeNull();
    expect([...png!.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png!)).toEqual(SOCIAL_IMAGE_SIZE);
    expect(networkUrls).toEqual([]);
  });

  it("leaves out glyphs the project's fonts lack instead of downloading fonts", { timeout: 30_000 }, async () => {
    posts.set("emoji", { title: `Shipping 🚀 faster: 日本語 notes and a very long title that keeps going ${"and going ".repeat(20)}`, author });
    const png = await getPostSocialImage("emoji");
    expect(pngSize(png!)).toEqual(SOCIAL_IMAGE_SIZE);
    expect(networkUrls).toEqual([]);
  });

  it("renders the cards of the home page, a tag and an author, and none for unknown ones", { timeout: 30_000 }, async () => {
    for (const scope of [{ kind: "site" }, { kind: "tag", slug: "rust" }, { kind: "author", slug: "maya" }] as const) {
      const png = await getListSocialImage(scope);
      expect([...png!.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(pngSize(png!)).toEqual(SOCIAL_IMAGE_SIZE);
    }
    expect(await getListSocialImage({ kind: "tag", slug: "missing" })).toBeNull();
    expect(await getListSocialImage({ kind: "author", slug: "missing" })).toBeNull();
    expect(networkUrls).toEqual([]);
  });

  it("is null when no published post has the slug", async () => {
    expect(await getPostSocialImage("missing")).toBeNull();
  });

  it("would have tried the network for an emoji without the filter (the check above can fail)", { timeout: 30_000 }, async () => {
    const { ImageResponse } = await import("next/og");
    const response = new ImageResponse(createElement("div", { style: { display: "flex" } }, "🚀"), { width: 100, height: 100 });
    await response.arrayBuffer().catch(() => undefined);
    expect(networkUrls.length).toBeGreaterThan(0);
  });
});

describe("postSocialImagePath", () => {
  it("is under the post's path and changes when the post changes", () => {
    const before = postSocialImagePath("hello", new Date("2026-01-01T00:00:00Z"));
    const after = postSocialImagePath("hello", new Date("2026-01-01T00:00:01Z"));
    expect(before).toMatch(/^\/blog\/hello\/social-image\?v=[0-9a-z]+$/);
    expect(after).not.toBe(before);
  });
});

describe("postSocialImage", () => {
  const updatedAt = new Date("2026-01-01T00:00:00Z");

  it("is the generated card, with its size, when the post has no feature image", () => {
    expect(postSocialImage({ slug: "hello", featureImage: null, updatedAt })).toEqual({
      url: `https://blog.example${postSocialImagePath("hello", updatedAt)}`,
      width: 1200,
      height: 630,
    });
  });

  it("is the feature image when there is one, made absolute from SITE_URL when it is a site path", () => {
    expect(postSocialImage({ slug: "hello", featureImage: "https://cdn.example.com/a.jpg", updatedAt })).toEqual({ url: "https://cdn.example.com/a.jpg" });
    expect(postSocialImage({ slug: "hello", featureImage: "/uploads/a.jpg", updatedAt })).toEqual({ url: "https://blog.example/uploads/a.jpg" });
  });

  it("falls back to the generated card for a feature image that is not a safe URL", () => {
    expect(postSocialImage({ slug: "hello", featureImage: "javascript:alert(1)", updatedAt }).url).toContain("/blog/hello/social-image");
  });
});

describe("listSocialImage", () => {
  it("is the site's default social image when one is set, else the list's generated card", () => {
    expect(listSocialImage({ kind: "site" }, { defaultSocialImage: "/media/0123456789abcdef01234567.png", version: "a" })).toEqual({
      url: "https://blog.example/media/0123456789abcdef01234567.png",
    });
    expect(listSocialImage({ kind: "tag", slug: "rust" }, { defaultSocialImage: null, version: "a" })).toEqual({
      url: "https://blog.example/tag/rust/social-image?v=a",
      ...SOCIAL_IMAGE_SIZE,
    });
    expect(listSocialImagePath({ kind: "site" }, "b")).toBe("/social-image?v=b");
    expect(listSocialImagePath({ kind: "author", slug: "maya" }, "b")).toBe("/author/maya/social-image?v=b");
  });
});
