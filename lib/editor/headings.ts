import type { Node as PMNode } from "@tiptap/pm/model";
import { nodeFromStoredDoc, type PostDoc } from "@/lib/editor/doc";
import { slugify } from "@/lib/slug";

/** A heading of a post body with the id its anchor links use. */
export interface HeadingAnchor {
  id: string;
  level: 2 | 3 | 4;
  text: string;
}

/** A table-of-contents entry: an h2 with its h3s, or an h3 that comes before any h2. */
export interface TocEntry {
  id: string;
  text: string;
  children: { id: string; text: string }[];
}

/** A post gets a table of contents from this many h2/h3 headings on. */
export const TOC_MIN_HEADINGS = 3;

const MAX_ID_LENGTH = 64;

/** Ids the site layout already uses ("main" is the skip link's target; "#top" means the top of the page). */
const RESERVED_IDS = ["main", "top"];

/** Tiptap renders a level outside the allowed ones as the first allowed level; ids follow what is rendered. */
function renderedLevel(level: unknown): 2 | 3 | 4 {
  return level === 3 || level === 4 ? level : 2;
}

/** The id base for a heading's text: its slug, or "section" when the text has nothing to slug. */
export function headingSlug(text: string): string {
  return slugify(text).slice(0, MAX_ID_LENGTH).replace(/-+$/, "") || "section";
}

/**
 * Every heading of a document node in document order, keyed by its node, with ids that are stable
 * for the same text and unique in the page (repeats get -2, -3, …). Pure; the renderer and the table
 * of contents both call it, so their ids agree.
 */
export function headingAnchors(doc: PMNode): Map<PMNode, HeadingAnchor> {
  const taken = new Set(RESERVED_IDS);
  const anchors = new Map<PMNode, HeadingAnchor>();
  doc.descendants((node) => {
    if (node.type.name !== "heading") return true;
    const text = node.textContent.replace(/\s+/g, " ").trim();
    const base = headingSlug(text);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    anchors.set(node, { id, level: renderedLevel(node.attrs.level), text });
    return false;
  });
  return anchors;
}

/** The headings of a stored post body, in order. Throws DomainError("INVALID_DOCUMENT") like the renderer. */
export function listHeadings(doc: PostDoc): HeadingAnchor[] {
  return [...headingAnchors(nodeFromStoredDoc(doc)).values()];
}

/**
 * The table of contents for these headings: h2s with their h3s nested (h4s are left out), or [] when
 * fewer than TOC_MIN_HEADINGS h2/h3 headings would be listed.
 */
export function tableOfContents(headings: readonly HeadingAnchor[]): TocEntry[] {
  const listed = headings.filter((heading) => heading.level <= 3 && heading.text !== "");
  if (listed.length < TOC_MIN_HEADINGS) return [];
  const entries: TocEntry[] = [];
  let section: TocEntry | undefined;
  for (const heading of listed) {
    if (heading.level === 3 && section) {
      section.children.push({ id: heading.id, text: heading.text });
      continue;
    }
    const entry = { id: heading.id, text: heading.text, children: [] };
    entries.push(entry);
    section = heading.level === 2 ? entry : undefined;
  }
  return entries;
}
