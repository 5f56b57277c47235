import type { Node as PMNode } from "@tiptap/pm/model";
import { serializeChildrenToHTMLString } from "@tiptap/static-renderer/json/html-string";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { calloutOf, cellAttributes, headerScope, isHeaderRow } from "@/lib/editor/blocks-render";
import { codeFilename } from "@/lib/editor/code-languages";
import { EMBED_PROVIDER_NAMES, embedOf, embedPageUrl, embedTitle } from "@/lib/editor/embeds";
import { indexFootnotes, type FootnoteIndex } from "@/lib/editor/footnotes";
import { imageCaption, imageLayout } from "@/lib/editor/image-attrs";
import { latexOf, renderMath } from "@/lib/editor/math";
import { isTaskChecked } from "@/lib/editor/nodes/task-list";
import { nodeFromStoredDoc } from "@/lib/editor/doc";
import { postExtensions } from "@/lib/editor/extensions";
import { isExternalHref, safeHref, safeImageSrc } from "@/lib/editor/safe-href";

/** Escapes text for HTML text content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Resolves an already filtered href or src against the post's own URL. Feed readers show content away
 * from the site, where "/about" or "#notes" would point nowhere. Null if the result is not http(s) or
 * mailto, which resolving a filtered value should never produce.
 */
function absolutize(target: string, baseUrl: string): string | null {
  try {
    const url = new URL(target, baseUrl);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A table's rendered rows as its sections: the first in <thead> when it is a header row. */
export function tableSectionsHtml(table: PMNode, children: unknown): string {
  const rows = ([] as string[]).concat((children as string | string[] | undefined) ?? []);
  return isHeaderRow(table.firstChild) ? `<thead>${rows[0] ?? ""}</thead><tbody>${rows.slice(1).join("")}</tbody>` : `<tbody>${rows.join("")}</tbody>`;
}

/**
 * The rendered notes of a footnotes node, each once, in number order (the order of their references),
 * or null when the post has none.
 */
export function footnotesInOrder(list: PMNode, children: unknown, footnotes: FootnoteIndex): string | null {
  if (footnotes.notes.length === 0) return null;
  const rendered = ([] as string[]).concat((children as string | string[] | undefined) ?? []);
  const byId = new Map<string, string>();
  list.forEach((note, _offset, index) => {
    if (typeof note.attrs.id === "string" && !byId.has(note.attrs.id)) byId.set(note.attrs.id, rendered[index] ?? "");
  });
  return footnotes.notes.map((note) => byId.get(note.id) ?? "").join("");
}

/** colspan, rowspan and alignment of a table cell, as HTML attributes (numbers and fixed words only). */
function cellHtmlAttributes(cell: PMNode): string {
  const { colSpan, rowSpan, align } = cellAttributes(cell);
  return `${colSpan ? ` colspan="${colSpan}"` : ""}${rowSpan ? ` rowspan="${rowSpan}"` : ""}${align ? ` style="text-align: ${align}"` : ""}`;
}

/**
 * A stored post document as an HTML string for feeds, with the reader page's safety rules: links only
 * through safeHref, images only http(s) or site paths, every other attribute and all text escaped by
 * the renderer. Relative URLs are made absolute against `baseUrl` (the post's absolute URL). Throws
 * DomainError("INVALID_DOCUMENT") when the stored JSON is not a valid document.
 */
export function renderPostHtml(doc: unknown, baseUrl: string): string {
  const root = nodeFromStoredDoc(doc);
  const footnotes = indexFootnotes(root);
  // Feed readers have no KaTeX CSS: MathML only, which they render natively; unreadable formulas as code.
  const math = (latex: string, display: boolean) => {
    const result = renderMath(latex, { display, output: "mathml" });
    const html = result.ok ? result.html : `<code>${escapeHtml(latex)}</code>`;
    return display ? `<div>${html}</div>` : html;
  };
  const html = renderToHTMLString({
    content: root,
    extensions: postExtensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => {
          const text = typeof children === "string" ? children : "";
          const safe = safeHref(mark.attrs.href);
          const href = safe === null ? null : absolutize(safe, baseUrl);
          if (!safe || !href) return text;
          const rel = isExternalHref(safe) ? ' rel="noopener noreferrer nofollow"' : "";
          return `<a href="${escapeHtml(href)}"${rel}>${text}</a>`;
        },
      },
      nodeMapping: {
        table: ({ node, children }) => `<table>${tableSectionsHtml(node as PMNode, children)}</table>`,
        tableRow: ({ children }) => `<tr>${serializeChildrenToHTMLString(children)}</tr>`,
        tableHeader: ({ node, parent, children }) =>
          `<th scope="${headerScope(parent as PMNode | undefined)}"${cellHtmlAttributes(node as PMNode)}>${serializeChildrenToHTMLString(children)}</th>`,
        tableCell: ({ node, children }) => `<td${cellHtmlAttributes(node as PMNode)}>${serializeChildrenToHTMLString(children)}</td>`,
        // Feed readers strip form controls, so a task's state is a character at the start of its first line.
        taskList: ({ children }) => `<ul>${serializeChildrenToHTMLString(children)}</ul>`,
        taskItem: ({ node, children }) => {
          const box = isTaskChecked(node as PMNode) ? "☑" : "☐";
          const content = serializeChildrenToHTMLString(children);
          return `<li>${content.startsWith("<p>") ? `<p>${box} ${content.slice(3)}` : `${box} ${content}`}</li>`;
        },
        details: ({ children }) => `<details>${serializeChildrenToHTMLString(children)}</details>`,
        detailsSummary: ({ children }) => `<summary>${serializeChildrenToHTMLString(children)}</summary>`,
        detailsContent: ({ children }) => serializeChildrenToHTMLString(children),
        // Feed readers drop classes and styles, so the kind is spelled out as the callout's first line.
        callout: ({ node, children }) => {
          const { kind, label } = calloutOf(node as PMNode);
          return `<blockquote data-callout="${kind}"><p><strong>${label}</strong></p>${serializeChildrenToHTMLString(children)}</blockquote>`;
        },
        codeBlock: ({ node }) => {
          const filename = codeFilename(node.attrs.filename);
          const language = typeof node.attrs.language === "string" && /^[\w+#.-]{1,40}$/.test(node.attrs.language) ? ` class="language-${node.attrs.language}"` : "";
          const code = `<pre><code${language}>${escapeHtml(node.textContent)}</code></pre>`;
          return filename ? `<figure><figcaption>${escapeHtml(filename)}</figcaption>${code}</figure>` : code;
        },
        mathInline: ({ node }) => math(latexOf(node.attrs), false),
        mathBlock: ({ node }) => math(latexOf(node.attrs), true),
        footnoteReference: ({ node }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          const number = footnotes.numbers.get(id);
          const anchor = footnotes.referenceIds.get(node as PMNode);
          return number && anchor ? `<sup id="${anchor}"><a href="${escapeHtml(`${baseUrl}#fn-${id}`)}">${number}</a></sup>` : "";
        },
        footnotes: ({ node, children }) => {
          const notes = footnotesInOrder(node as PMNode, children, footnotes);
          return notes === null ? "" : `<hr><ol>${notes}</ol>`;
        },
        footnote: ({ node, children }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          if (!footnotes.numbers.has(id)) return "";
          return `<li id="fn-${id}">${serializeChildrenToHTMLString(children)}<p><a href="${escapeHtml(`${baseUrl}#fnref-${id}`)}">↩</a></p></li>`;
        },
        // No frames in feeds: a link to the video, pen or gist on its own site.
        embed: ({ node }) => {
          const embed = embedOf(node.attrs);
          if (!embed) return "";
          const title = escapeHtml(embedTitle(node.attrs, embed.provider));
          return `<p><a href="${escapeHtml(embedPageUrl(embed))}" rel="noopener noreferrer nofollow">${title}</a> (${EMBED_PROVIDER_NAMES[embed.provider]})</p>`;
        },
        gallery: ({ children }) => `<div>${serializeChildrenToHTMLString(children)}</div>`,
        image: ({ node }) => {
          const safe = safeImageSrc(node.attrs.src);
          const src = safe === null ? null : absolutize(safe, baseUrl);
          if (!src || src.startsWith("mailto:")) return "";
          const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
          const title = typeof node.attrs.title === "string" && node.attrs.title !== "" ? node.attrs.title : null;
          const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
          const captionText = imageCaption(node.attrs.caption) ?? title;
          const caption = captionText ? `<figcaption>${escapeHtml(captionText)}</figcaption>` : "";
          const layout = imageLayout(node.attrs.layout);
          const layoutAttr = layout === "column" ? "" : ` data-layout="${layout}"`;
          return `<figure${layoutAttr}><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${titleAttr}>${caption}</figure>`;
        },
      },
    },
  });
  // Feeds carry this HTML inside XML CDATA sections, which "]]>" would end. Text is escaped, so the
  // sequence can only come from attribute values, where "&gt;" means the same.
  return html.replaceAll("]]>", "]]&gt;");
}
