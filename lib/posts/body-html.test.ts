import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { BODY_RENDERER, renderPostBodyHtml, storedBodyHtml } from "@/lib/posts/body-html";
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
};

describe("stored bodies", () => {
  it("are the renderer's output as BODY_RENDERER names it: a change to the HTML needs a new BODY_RENDERER", async () => {
    const hash = createHash("sha256");
    for (const post of demoPosts) hash.update((await renderPostBodyHtml(post.doc)).html);
    const output = hash.digest("hex");
    expect(
      output,
      `The body HTML changed. Set BODY_RENDERER in lib/posts/body-html.ts to a new value and add "${output}" for it in OUTPUT_OF_RENDERER, so bodies stored by earlier saves are rendered again.`,
    ).toBe(OUTPUT_OF_RENDERER[BODY_RENDERER]);
  });

  it("load the embed script only when the body has a frame to load", () => {
    expect(storedBodyHtml('<figure class="embed"><button type="button" class="embed-load" data-embed-src="x">Load</button></figure>').hasEmbedFrames).toBe(true);
    expect(storedBodyHtml('<figure class="embed"><a class="embed-link" href="https://gist.github.com/a/b">View</a></figure>').hasEmbedFrames).toBe(false);
  });
});
