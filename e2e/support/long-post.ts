import { randomUUID } from "node:crypto";
import { deriveExcerpt, parsePostDoc } from "../../lib/editor/doc";
import { testDb } from "./db";

const WORDS = (
  "latency budget queue consumer producer backpressure retry jitter timeout circuit breaker shard replica " +
  "index vacuum snapshot commit rollback cache eviction heap stack profile flame graph tracing span metric"
).split(" ");

type Block = Record<string, unknown>;

const paragraph = (words: number, seed: number): Block => ({
  type: "paragraph",
  content: [{ type: "text", text: Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(" ") + "." }],
});

const codeBlock = (index: number): Block => ({
  type: "codeBlock",
  attrs: { language: "ts" },
  content: [
    {
      type: "text",
      text: [`export function step${index}(queue: number[]) {`, "  const next = queue.shift();", "  if (next === undefined) return 0;", `  return next * ${index};`, "}"].join("\n"),
    },
  ],
});

const cell = (type: "tableHeader" | "tableCell", text: string): Block => ({ type, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** A four-column table of measurements with a header row. */
const table = (index: number): Block => ({
  type: "table",
  content: [
    { type: "tableRow", content: ["Stage", "p50", "p95", "p99"].map((text) => cell("tableHeader", text)) },
    ...["queue", "fetch", "render", "write"].map((stage, row) => ({
      type: "tableRow",
      content: [cell("tableCell", stage), ...[1, 2, 3].map((q) => cell("tableCell", `${(index + row + 1) * q * 7} ms`))],
    })),
  ],
});

const image = (index: number): Block => ({ type: "image", attrs: { src: "/demo/latency-budget.png", alt: `Latency budget, figure ${index}` } });

/**
 * A long technical article: `words` words of prose in 60-word paragraphs, a heading every ten
 * paragraphs, and `codeBlocks` code blocks, `tables` tables and `images` images spread evenly through it.
 */
export function longPostDoc({ words = 20_000, codeBlocks = 40, tables = 0, images = 0 } = {}): { type: "doc"; content: Block[] } {
  const paragraphs = Math.ceil(words / 60);
  const every = (count: number) => Math.max(1, Math.floor(paragraphs / Math.max(1, count)));
  const content: Block[] = [];
  const placed = { code: 0, tables: 0, images: 0 };
  for (let i = 0; i < paragraphs; i += 1) {
    if (i % 10 === 0) content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Section ${i / 10 + 1}` }] });
    content.push(paragraph(60, i));
    if (placed.code < codeBlocks && i % every(codeBlocks) === every(codeBlocks) - 1) content.push(codeBlock((placed.code += 1)));
    // Offset from the code blocks, so that no two blocks of these kinds stand together.
    if (placed.tables < tables && i % every(tables) === Math.floor(every(tables) / 3)) content.push(table((placed.tables += 1)));
    if (placed.images < images && i % every(images) === Math.floor((2 * every(images)) / 3)) content.push(image((placed.images += 1)));
  }
  return { type: "doc", content };
}

/** A draft with a long body, written straight to the database with the app's derived fields. */
export async function createLongPost(authorId: string, options?: { words?: number; codeBlocks?: number; tables?: number; images?: number }) {
  const title = `Long article ${randomUUID().slice(0, 8)}`;
  const body = parsePostDoc(longPostDoc(options));
  return testDb().post.create({
    data: {
      title,
      slug: `long-article-p${randomUUID().slice(0, 8)}`,
      content: body.doc,
      plaintext: body.plaintext,
      wordCount: body.wordCount,
      excerpt: deriveExcerpt(null, body.summary),
      status: "DRAFT",
      authorId,
    },
    select: { id: true, slug: true, title: true },
  });
}
