import type { Node as PMNode } from "@tiptap/pm/model";
import { serializeChildrenToHTMLString } from "@tiptap/static-renderer/json/html-string";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { toHtml } from "hast-util-to-html";
import { calloutOf, cellAttributes, headerScope, tableLabel } from "@/lib/editor/blocks-render";
import { codeFilename } from "@/lib/editor/code-languages";
import { nodeFromStoredDoc } from "@/lib/editor/doc";
import { EMBED_PROVIDER_NAMES, embedFrameUrl, embedOf, embedPageUrl, embedTitle } from "@/lib/editor/embeds";
import { postExtensions } from "@/lib/editor/extensions";
import { indexFootnotes } from "@/lib/editor/footnotes";
import { headingAnchors, tableOfContents } from "@/lib/editor/headings";
import { imageCaption, imageLayout } from "@/lib/editor/image-attrs";
import { latexOf, renderMath } from "@/lib/editor/math";
import { isTaskChecked, taskItemLabel } from "@/lib/editor/nodes/task-list";
import { isExternalHref, safeHref, safeImageSrc } from "@/lib/editor/safe-href";
import { highlightCode, highlightCodeUncached, languageLabel, type HighlightedCode } from "@/lib/highlight";
import { escapeHtml, footnotesInOrder, tableSectionsHtml } from "@/lib/post-html";
import type { ResponsiveImage } from "@/lib/responsive-image";
import { storedBodyHtml, type PostBodyHtml, type StoredBody } from "@/lib/posts/stored-body";

// What is stored beside a post and how pages read it, with BODY_RENDERER, the name of this renderer's
// output, are in lib/posts/stored-body.ts: pages whose bodies are stored need none of this module.

/** How a rendering highlights code and sizes images (for the post column, lib/responsive-image.ts). */
export interface BodyRenderTools {
  highlight: (code: string, language: string | null) => Promise<HighlightedCode>;
  sizeImage: (src: string) => Promise<ResponsiveImage>;
}

// Loaded on first use: it imports next/image, which loads only inside Next's server, and bench/seed.ts
// renders bodies without images outside it.
const sizing = () => import("@/lib/responsive-image");

/** In a request or server action (the default): through the caches every rendering shares. */
export const requestRenderTools: BodyRenderTools = {
  highlight: highlightCode,
  sizeImage: async (src) => sizing().then(({ responsiveImage, ARTICLE_IMAGE_SIZES }) => responsiveImage(src, ARTICLE_IMAGE_SIZES)),
};

/** Outside a request (jobs, scripts), where "use cache" is unavailable: the same output, uncached. */
export const backgroundRenderTools: BodyRenderTools = {
  highlight: highlightCodeUncached,
  sizeImage: async (src) => sizing().then(({ responsiveImageUncached, ARTICLE_IMAGE_SIZES }) => responsiveImageUncached(src, ARTICLE_IMAGE_SIZES)),
};

const headingTags = { 2: "h2", 3: "h3", 4: "h4" } as const;

/** ` name="value"` for each attribute that has a value, escaped; the order given is kept. */
function attributes(values: Record<string, string | number | null | undefined>): string {
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "") continue;
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

const join = (children: unknown) => serializeChildrenToHTMLString(children as string | string[] | undefined);

/**
 * Renders a stored post document as the reader page's HTML, once, as a string: the page puts it in
 * place without turning thousands of elements into React elements twice (for its payload and its
 * HTML), which was about a third of the server's work for a post nobody had asked for yet.
 *
 * Safety is the renderer's, not React's: text and every attribute value are escaped here or by Tiptap's
 * renderer; links and images are filtered again (a document that bypassed write-time validation still
 * cannot produce a script URL); code is highlighted into a hast tree whose text stays text; formulas are
 * KaTeX's own markup for the LaTeX (it is run with `trust` off, so it makes no links or scripts).
 */
export async function renderPostBodyHtml(doc: unknown, tools: BodyRenderTools = requestRenderTools): Promise<PostBodyHtml> {
  return storedBodyHtml((await renderStoredBody(doc, tools)).html);
}

/**
 * A stored post document's body HTML (as renderPostBodyHtml) and table of contents, from one reading of
 * the document, as saves store them (BODY_RENDERER names both). Throws DomainError("INVALID_DOCUMENT")
 * when the JSON is not a valid document.
 */
export async function renderStoredBody(doc: unknown, tools: BodyRenderTools = requestRenderTools): Promise<StoredBody> {
  const root = nodeFromStoredDoc(doc);
  const anchors = headingAnchors(root);
  const footnotes = indexFootnotes(root);
  const [highlighted, images] = await Promise.all([highlightCodeBlocks(root, tools), sizeImages(root, tools)]);
  const html = renderToHTMLString({
    content: root,
    extensions: postExtensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => {
          const href = safeHref(mark.attrs.href);
          const text = join(children);
          if (!href) return text;
          return `<a${attributes({ href, rel: isExternalHref(href) ? "noopener noreferrer nofollow" : null })}>${text}</a>`;
        },
      },
      nodeMapping: {
        // A wide table scrolls inside its own box on phones instead of widening the page; the box is
        // focusable so keyboard users can scroll it too.
        table: ({ node, children }) =>
          `<div class="table-scroll" role="region"${attributes({ "aria-label": tableLabel(node as PMNode) })} tabindex="0"><table>${tableSectionsHtml(node as PMNode, children)}</table></div>`,
        tableRow: ({ children }) => `<tr>${join(children)}</tr>`,
        tableHeader: ({ node, parent, children }) => {
          const { colSpan, rowSpan, align } = cellAttributes(node as PMNode);
          return `<th${attributes({ scope: headerScope(parent as PMNode | undefined), colspan: colSpan, rowspan: rowSpan, "data-align": align })}>${join(children)}</th>`;
        },
        tableCell: ({ node, children }) => {
          const { colSpan, rowSpan, align } = cellAttributes(node as PMNode);
          return `<td${attributes({ colspan: colSpan, rowspan: rowSpan, "data-align": align })}>${join(children)}</td>`;
        },
        // A checklist as a list (role="list": Safari drops list semantics when the bullets are hidden) whose
        // items carry a disabled checkbox, so screen readers announce each as checked or not checked.
        taskList: ({ children }) => `<ul class="task-list" role="list">${join(children)}</ul>`,
        taskItem: ({ node, children }) => {
          const checked = isTaskChecked(node as PMNode);
          return (
            `<li class="task-item" data-checked="${checked}"><input type="checkbox" class="task-checkbox" disabled${attributes({ "aria-label": taskItemLabel(node as PMNode) })}${checked ? " checked" : ""}>` +
            `<div class="task-content">${join(children)}</div></li>`
          );
        },
        details: ({ children }) => `<details class="details">${join(children)}</details>`,
        detailsSummary: ({ children }) => `<summary class="details-summary">${join(children)}</summary>`,
        detailsContent: ({ children }) => `<div class="details-content">${join(children)}</div>`,
        callout: ({ node, children }) => {
          const { kind, label } = calloutOf(node as PMNode);
          return `<div class="callout"${attributes({ "data-callout": kind })} role="note"${attributes({ "aria-label": label })}><p class="callout-label" aria-hidden="true">${escapeHtml(label)}</p>${join(children)}</div>`;
        },
        // The self-link sits beside the heading, not inside it, so the heading's accessible name stays its text.
        heading: ({ node, children }) => {
          const anchor = anchors.get(node as PMNode);
          if (!anchor) return "";
          const tag = headingTags[anchor.level];
          return (
            `<div class="group/heading relative"><${tag}${attributes({ id: anchor.id })}>${join(children)}</${tag}>` +
            `<a${attributes({ href: `#${anchor.id}`, "aria-label": `Link to section: ${anchor.text || "untitled"}` })} class="heading-anchor absolute top-0 -left-5 font-normal opacity-0 group-hover/heading:opacity-100 focus:opacity-100 sm:-left-7">#</a></div>`
          );
        },
        codeBlock: ({ node }) => {
          const code = highlighted.get(node as PMNode);
          return code ? codeBlockHtml(code, codeFilename(node.attrs.filename)) : "";
        },
        mathInline: ({ node }) => mathHtml(latexOf(node.attrs), false),
        mathBlock: ({ node }) => mathHtml(latexOf(node.attrs), true),
        footnoteReference: ({ node }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          const number = footnotes.numbers.get(id);
          const anchor = footnotes.referenceIds.get(node as PMNode);
          if (!number || !anchor) return "";
          return `<sup class="footnote-ref"${attributes({ id: anchor })}><a${attributes({ href: `#fn-${id}`, "aria-label": `Footnote ${number}` })}>${number}</a></sup>`;
        },
        // The notes are listed once, in number order, wherever the list node stands (the editor keeps it last).
        footnotes: ({ node, children }) => {
          const notes = footnotesInOrder(node as PMNode, children, footnotes);
          return notes === null ? "" : `<section class="footnotes" aria-label="Footnotes"><ol>${notes}</ol></section>`;
        },
        footnote: ({ node, children }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          const number = footnotes.numbers.get(id);
          if (!number) return "";
          return `<li${attributes({ id: `fn-${id}` })}>${join(children)}<a${attributes({ href: `#fnref-${id}` })} class="footnote-back"${attributes({ "aria-label": `Back to reference ${number}` })}>↩</a></li>`;
        },
        // Nothing from the provider loads until the reader asks (public/embed-loader.js swaps in a frame).
        embed: ({ node }) => {
          const embed = embedOf(node.attrs);
          if (!embed) return "";
          const title = embedTitle(node.attrs, embed.provider);
          const provider = EMBED_PROVIDER_NAMES[embed.provider];
          const frame = embedFrameUrl(embed);
          const button = frame
            ? `<button type="button" class="embed-load"${attributes({ "data-embed-src": frame, "data-embed-title": title })}>Load ${embed.provider === "codepen" ? "pen" : "video"} from ${escapeHtml(provider)}</button>`
            : "";
          return (
            `<figure class="embed"${attributes({ "data-embed-provider": embed.provider })}><div class="embed-placeholder">` +
            `<p class="embed-title">${escapeHtml(title)}</p><p class="embed-provider">${escapeHtml(provider)}</p>${button}` +
            `<a class="embed-link"${attributes({ href: embedPageUrl(embed) })} rel="noopener noreferrer nofollow">${escapeHtml(frame ? `Open on ${provider}` : "View the gist on GitHub")}</a></div></figure>`
          );
        },
        gallery: ({ children }) => `<div class="gallery">${join(children)}</div>`,
        // Not next/image: most images are on other hosts, of unknown size; lib/responsive-image.ts sizes the ones on this site.
        image: ({ node }) => {
          const image = images.get(node as PMNode);
          if (!image) return "";
          const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
          const title = typeof node.attrs.title === "string" ? node.attrs.title : undefined;
          const caption = imageCaption(node.attrs.caption) ?? title;
          const layout = imageLayout(node.attrs.layout);
          const img = imageHtml(image, { alt: alt || image.alt || "", title });
          return `<figure${attributes({ class: layout === "column" ? null : `figure-${layout}` })}>${img}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ""}</figure>`;
        },
      },
    },
  });
  return { html, toc: tableOfContents([...anchors.values()]) };
}

/**
 * A sized image as HTML: for an upload, a <picture> with a source per format its copies exist in
 * (AVIF first) and the original in the <img> for browsers that read neither; otherwise an <img> with
 * whatever srcset it has. The <picture> takes no box of its own, so the figure and gallery rules size
 * the <img> as before.
 */
export function imageHtml(image: ResponsiveImage, { alt, title }: { alt: string; title?: string }): string {
  const img =
    `<img${attributes({ src: image.src, srcset: image.srcSet, sizes: image.srcSet ? image.sizes : null, width: image.width, height: image.height })}` +
    ` alt="${escapeHtml(alt)}"${attributes({ title })} loading="lazy" decoding="async" class="h-auto max-w-full">`;
  if (!image.sources?.length) return img;
  const sources = image.sources.map((source) => `<source${attributes({ type: source.type, srcset: source.srcSet, sizes: image.sizes })}>`).join("");
  return `<picture class="contents">${sources}${img}</picture>`;
}

/** A highlighted code block: the hast tree serialised (its text escaped), under its filename and language. */
export function codeBlockHtml(code: HighlightedCode, filename: string | null | undefined): string {
  const label =
    code.language || filename
      ? `<p class="code-block-label">${filename ? `<span class="code-block-filename">${escapeHtml(filename)}</span>` : ""}${code.language ? `<span>${escapeHtml(languageLabel(code.language))}</span>` : ""}</p>`
      : "";
  return `<div class="code-block">${label}${toHtml(code.tree, { characterReferences: { useNamedReferences: true } })}</div>`;
}

/** A formula as KaTeX renders it; one KaTeX cannot read shows its source as code instead, never throwing. */
function mathHtml(latex: string, display: boolean): string {
  const result = renderMath(latex, { display });
  if (!result.ok) {
    const code = `<code class="math-error"${attributes({ title: `Formula could not be rendered: ${result.error}` })}>${escapeHtml(latex)}</code>`;
    return display ? `<div class="math-display">${code}</div>` : code;
  }
  return display ? `<div class="math-display">${result.html}</div>` : `<span class="math-inline">${result.html}</span>`;
}

/** Each image with a safe src, sized ahead of rendering, which is synchronous. */
async function sizeImages(root: PMNode, tools: BodyRenderTools): Promise<Map<PMNode, ResponsiveImage>> {
  const images: [PMNode, string][] = [];
  root.descendants((node) => {
    const src = node.type.name === "image" ? safeImageSrc(node.attrs.src) : null;
    if (src) images.push([node, src]);
    return true;
  });
  return new Map(await Promise.all(images.map(async ([node, src]) => [node, await tools.sizeImage(src)] as const)));
}

async function highlightCodeBlocks(root: PMNode, tools: BodyRenderTools): Promise<Map<PMNode, HighlightedCode>> {
  const blocks: PMNode[] = [];
  root.descendants((node) => {
    if (node.type.name === "codeBlock") blocks.push(node);
    return node.type.name !== "codeBlock";
  });
  const language = (node: PMNode) => (typeof node.attrs.language === "string" ? node.attrs.language : null);
  return new Map(await Promise.all(blocks.map(async (node) => [node, await tools.highlight(node.textContent, language(node))] as const)));
}
