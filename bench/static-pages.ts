import type { BlockNode, DocNode, InlineNode, ParagraphNode } from "@/prisma/demo/builders";
import { demoPosts } from "@/prisma/demo/content";
import { REFERENCE_POST_SLUG } from "./reference-post";

/**
 * The benchmark's static Next baselines: a ladder of fully static pages of the same build
 * (app/(bench)/bench/static/[size]/page.tsx), so that every measured page is compared with a static
 * page of about its own bytes; serving a page costs more the more bytes it has. A rung's size is the
 * page's estimated bytes; the bench fetches every rung, measures its actual bytes and picks the
 * closest one for each page.
 */

/**
 * Bytes of a rung with an empty article (head, header, footer, React payload); bytes the page gains
 * per byte of article JSON (the text comes out as HTML and again in the React payload), and per
 * heading (its id and self-link). Fitted to a bench build's pages, within 1%. When the site's markup
 * changes, the rungs' actual bytes drift from these estimates: the bench measures them, and a drift of
 * a few KB hardly widens the steps below.
 */
const EMPTY_PAGE_BYTES = 22_900;
const PAGE_BYTES_PER_JSON_BYTE = 1.66;
const PAGE_BYTES_PER_HEADING = 750;

/**
 * From the smallest page this build can serve (an empty article) to above the largest post, 3% apart:
 * any page in between has a rung within 1.5% of its bytes, plus the estimate's error (the bench allows 3%).
 * Gzipped (the bench's default) the steps are less even, up to 9% between the smallest rungs, as prose
 * compresses unlike markup; the bench checks how close each page's rung came.
 */
const LARGEST = 250_000;
const STEP = 1.03;

export const STATIC_PAGE_SIZES: readonly number[] = (() => {
  const sizes: number[] = [];
  for (let size = EMPTY_PAGE_BYTES; size <= LARGEST * STEP; size *= STEP) sizes.push(Math.round(size / 100) * 100);
  return sizes;
})();

export function staticPagePath(size: number): string {
  return `/bench/static/${size}`;
}

/**
 * Article body for the rung of `size` bytes: the demo posts' prose, the reference post first, with
 * the last paragraph cut to fit. Prose only: code blocks come out of the highlighter several times
 * larger than their JSON, by a factor that changes with the highlighter, which would make the rungs'
 * sizes uneven.
 */
export function staticPageDoc(size: number): DocNode {
  let budget = size - EMPTY_PAGE_BYTES;
  const blocks: BlockNode[] = [];
  for (const block of prose()) {
    const cost = PAGE_BYTES_PER_JSON_BYTE * jsonBytes(block) + (block.type === "heading" ? PAGE_BYTES_PER_HEADING : 0);
    if (cost <= budget) {
      blocks.push(block);
      budget -= cost;
      continue;
    }
    if (block.type !== "paragraph") continue;
    const cut = truncateParagraph(block, budget / PAGE_BYTES_PER_JSON_BYTE);
    if (cut) blocks.push(cut);
    break;
  }
  return { type: "doc", content: blocks.length > 0 ? blocks : [{ type: "paragraph" }] };
}

/** The demo posts' prose blocks, over and over: the largest rungs need more text than the demo has. */
function* prose(): Generator<BlockNode> {
  const posts = [...demoPosts].sort((a, b) => Number(b.slug === REFERENCE_POST_SLUG) - Number(a.slug === REFERENCE_POST_SLUG));
  const blocks = posts.flatMap((post) => post.doc.content).filter((block) => !/"type":"(codeBlock|image)"/.test(JSON.stringify(block)));
  if (blocks.length === 0) throw new Error("The demo content has no prose.");
  for (;;) yield* blocks;
}

function jsonBytes(value: unknown): number {
  return JSON.stringify(value).length;
}

/** The paragraph's first `budget` bytes of JSON, cut inside its last text node; null if nothing fits. */
function truncateParagraph(paragraph: ParagraphNode, budget: number): ParagraphNode | null {
  const content: InlineNode[] = [];
  let left = budget - jsonBytes({ type: "paragraph", content: [] });
  for (const inline of paragraph.content ?? []) {
    const cost = jsonBytes(inline) + 1;
    if (cost <= left) {
      content.push(inline);
      left -= cost;
      continue;
    }
    const keep = inline.type === "text" ? Math.floor(inline.text.length - (cost - left)) : 0;
    if (inline.type === "text" && keep > 0) content.push({ ...inline, text: inline.text.slice(0, keep) });
    break;
  }
  return content.length > 0 ? { type: "paragraph", content } : null;
}
