import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { listHeadings, tableOfContents } from "@/lib/editor/headings";
import { backgroundRenderTools, imageHtml, renderPostBodyHtml, renderStoredBody } from "@/lib/posts/body-html";
import { BODY_RENDERER, storedBodyHtml } from "@/lib/posts/stored-body";
import { demoPosts } from "@/prisma/demo/content";

vi.mock("next/cache", () => ({ cacheLife: () => undefined, cacheTag: () => undefined }));
vi.setConfig({ testTimeout: 60_000 });

/**
 * The hash of the demo posts' bodies as each BODY_RENDERER names them. Bodies stored by saves are served
 * while BODY_RENDERER is unchanged, so a change to the HTML (the renderer's code, or an upgrade of shiki,
 * KaTeX or Tiptap) must come with a new BODY_RENDERER, and its hash here.
 */
const OUTPUT_OF_RENDERER: Record<string, string> = {
  "1": "ce8eef46c92ed9f3b0c0ea4f442e52bbb1f1ea4d3536df06fcfcfe6897bed254",
  // Uploaded images became <picture>s with AVIF and WebP sources; the demo posts show no uploads (their
  // images are in public/), so their hash stays, and imageHtml's tests below pin the new markup.
  "2": "ce8eef46c92ed9f3b0c0ea4f442e52bbb1f1ea4d3536df06fcfcfe6897bed254",
};

describe("stored bodies", () => {
  it("are the renderer's output as BODY_RENDERER names it: a change to the HTML needs a new BODY_RENDERER", async () => {
    const hash = createHash("sha256");
    for (const post of demoPosts) hash.update((await renderPostBodyHtml(post.doc)).html);
    const output = hash.digest("hex");
    expect(
      output,
      `The body HTML changed. Set BODY_RENDERER in lib/posts/stored-body.ts to a new value and add "${output}" for it in OUTPUT_OF_RENDERER, so bodies stored by earlier saves are rendered again.`,
    ).toBe(OUTPUT_OF_RENDERER[BODY_RENDERER]);
  });

  it("load the embed script only when the body has a frame to load", () => {
    expect(storedBodyHtml('<figure class="embed"><button type="button" class="embed-load" data-embed-src="x">Load</button></figure>').hasEmbedFrames).toBe(true);
    expect(storedBodyHtml('<figure class="embed"><a class="embed-link" href="https://gist.github.com/a/b">View</a></figure>').hasEmbedFrames).toBe(false);
  });
});

describe("renderStoredBody", () => {
  it("gives the page's body HTML and the table of contents its headings make, for every demo post", async () => {
    let withContents = 0;
    for (const post of demoPosts) {
      const stored = await renderStoredBody(post.doc);
      expect(stored.html).toBe((await renderPostBodyHtml(post.doc)).html);
      expect(stored.toc).toEqual(tableOfContents(listHeadings(post.doc)));
      // Each entry links to a heading the HTML carries.
      for (const entry of stored.toc.flatMap((section) => [section, ...section.children])) expect(stored.html).toContain(` id="${entry.id}"`);
      if (stored.toc.length > 0) withContents++;
    }
    expect(withContents).toBeGreaterThan(0);
  });

  it("renders the same outside a request (jobs, scripts) as in one", async () => {
    for (const post of demoPosts) expect(await renderStoredBody(post.doc, backgroundRenderTools)).toEqual(await renderStoredBody(post.doc));
  });

  it("has no table of contents for a body with fewer than three headings", async () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Only one" }] },
        { type: "paragraph", content: [{ type: "text", text: "Text." }] },
      ],
    };
    expect((await renderStoredBody(doc)).toc).toEqual([]);
  });
});

describe("imageHtml", () => {
  const K = "0123456789abcdef01234567";
  const sizes = "(min-width: 48rem) 45.5rem, calc(100vw - 2.5rem)";

  it("makes an upload a <picture> with its AVIF source first, then WebP, and the original with its size in the <img>", () => {
    const html = imageHtml(
      {
        src: `/media/${K}.jpg`,
        sources: [
          { type: "image/avif", srcSet: `/media/${K}-320.avif 320w, /media/${K}-800.avif 800w` },
          { type: "image/webp", srcSet: `/media/${K}-320.webp 320w, /media/${K}-800.webp 800w` },
        ],
        sizes,
        width: 800,
        height: 600,
      },
      { alt: 'A "quoted" harbour' },
    );
    expect(html).toBe(
      `<picture class="contents">` +
        `<source type="image/avif" srcset="/media/${K}-320.avif 320w, /media/${K}-800.avif 800w" sizes="${sizes}">` +
        `<source type="image/webp" srcset="/media/${K}-320.webp 320w, /media/${K}-800.webp 800w" sizes="${sizes}">` +
        `<img src="/media/${K}.jpg" width="800" height="600" alt="A &quot;quoted&quot; harbour" loading="lazy" decoding="async" class="h-auto max-w-full">` +
        `</picture>`,
    );
  });

  it("offers only the formats given: an older upload gets a WebP source and no AVIF one", () => {
    const html = imageHtml({ src: `/media/${K}.png`, sources: [{ type: "image/webp", srcSet: `/media/${K}-320.webp 320w` }], sizes, width: 320, height: 200 }, { alt: "" });
    expect(html).toContain('<source type="image/webp"');
    expect(html).not.toContain("avif");
  });

  it("keeps a plain <img> with its own srcset for images that are not uploads", () => {
    const html = imageHtml({ src: "/demo/a.png", srcSet: "/_next/image?url=%2Fdemo%2Fa.png&w=640&q=75 640w, /demo/a.png 900w", sizes, width: 900, height: 300 }, { alt: "Chart", title: "Latency" });
    expect(html).toBe(
      `<img src="/demo/a.png" srcset="/_next/image?url=%2Fdemo%2Fa.png&amp;w=640&amp;q=75 640w, /demo/a.png 900w" sizes="${sizes}" width="900" height="300" alt="Chart" title="Latency" loading="lazy" decoding="async" class="h-auto max-w-full">`,
    );
    expect(imageHtml({ src: "https://images.example/x.jpg" }, { alt: "" })).toBe('<img src="https://images.example/x.jpg" alt="" loading="lazy" decoding="async" class="h-auto max-w-full">');
  });
});
