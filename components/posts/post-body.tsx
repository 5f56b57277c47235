import type { Node as PMNode } from "@tiptap/pm/model";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import { Children } from "react";
import { CodeBlock } from "@/components/posts/code-block";
import { MathFormula } from "@/components/posts/math";
import { codeFilename } from "@/lib/editor/code-languages";
import { EMBED_PROVIDER_NAMES, embedFrameUrl, embedOf, embedPageUrl, embedTitle } from "@/lib/editor/embeds";
import { indexFootnotes } from "@/lib/editor/footnotes";
import { imageCaption, imageLayout } from "@/lib/editor/image-attrs";
import { latexOf } from "@/lib/editor/math";
import { isTaskChecked, taskItemLabel } from "@/lib/editor/nodes/task-list";
import { calloutOf, cellAttributes, headerScope, isHeaderRow, tableLabel } from "@/lib/editor/blocks-render";
import { nodeFromStoredDoc, type PostDoc } from "@/lib/editor/doc";
import { postExtensions } from "@/lib/editor/extensions";
import { headingAnchors } from "@/lib/editor/headings";
import { isExternalHref, safeHref, safeImageSrc } from "@/lib/editor/safe-href";
import { highlightCode, type HighlightedCode } from "@/lib/highlight";
import { ARTICLE_IMAGE_SIZES, responsiveImage, type ResponsiveImage } from "@/lib/responsive-image";

export interface PostBodyProps {
  doc: PostDoc;
}

const headingTags = { 2: "h2", 3: "h3", 4: "h4" } as const;

/**
 * Renders a stored post document as React elements on the server: no editor, no client JavaScript and
 * no raw HTML. Link and image targets are filtered again here, so a document that bypassed write-time
 * validation still cannot produce a script URL. Headings get ids and a self-link; code blocks are
 * highlighted here, before rendering, because highlighting loads grammars asynchronously.
 */
export async function PostBody({ doc }: PostBodyProps) {
  const root = nodeFromStoredDoc(doc);
  const anchors = headingAnchors(root);
  const footnotes = indexFootnotes(root);
  let hasEmbedFrames = false;
  root.descendants((node) => {
    if (node.type.name === "embed" && embedFrameUrl(embedOf(node.attrs) ?? { provider: "gist", id: "" })) hasEmbedFrames = true;
    return !hasEmbedFrames;
  });
  const [highlighted, images] = await Promise.all([highlightCodeBlocks(root), sizeImages(root)]);
  const content = renderToReactElement({
    content: root,
    extensions: postExtensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => {
          const href = safeHref(mark.attrs.href);
          if (!href) return <>{children}</>;
          return (
            <a href={href} rel={isExternalHref(href) ? "noopener noreferrer nofollow" : undefined}>
              {children}
            </a>
          );
        },
      },
      nodeMapping: {
        table: ({ node, children }) => {
          const rows = Children.toArray(children);
          const headed = isHeaderRow((node as PMNode).firstChild);
          // A wide table scrolls inside its own box on phones instead of widening the page; the box is
          // focusable so keyboard users can scroll it too.
          return (
            <div className="table-scroll" role="region" aria-label={tableLabel(node as PMNode)} tabIndex={0}>
              <table>
                {headed && <thead>{rows[0]}</thead>}
                <tbody>{headed ? rows.slice(1) : rows}</tbody>
              </table>
            </div>
          );
        },
        tableRow: ({ children }) => <tr>{children}</tr>,
        tableHeader: ({ node, parent, children }) => {
          const { colSpan, rowSpan, align } = cellAttributes(node as PMNode);
          return (
            <th scope={headerScope(parent as PMNode | undefined)} colSpan={colSpan} rowSpan={rowSpan} data-align={align}>
              {children}
            </th>
          );
        },
        tableCell: ({ node, children }) => {
          const { colSpan, rowSpan, align } = cellAttributes(node as PMNode);
          return (
            <td colSpan={colSpan} rowSpan={rowSpan} data-align={align}>
              {children}
            </td>
          );
        },
        // A checklist as a list (role="list": Safari drops list semantics when the bullets are hidden) whose
        // items carry a disabled checkbox, so screen readers announce each as checked or not checked.
        taskList: ({ children }) => (
          <ul className="task-list" role="list">
            {children}
          </ul>
        ),
        taskItem: ({ node, children }) => {
          const checked = isTaskChecked(node as PMNode);
          return (
            <li className="task-item" data-checked={checked}>
              <input type="checkbox" className="task-checkbox" disabled defaultChecked={checked} aria-label={taskItemLabel(node as PMNode)} />
              <div className="task-content">{children}</div>
            </li>
          );
        },
        details: ({ children }) => <details className="details">{children}</details>,
        detailsSummary: ({ children }) => <summary className="details-summary">{children}</summary>,
        detailsContent: ({ children }) => <div className="details-content">{children}</div>,
        callout: ({ node, children }) => {
          const { kind, label } = calloutOf(node as PMNode);
          return (
            <div className="callout" data-callout={kind} role="note" aria-label={label}>
              <p className="callout-label" aria-hidden>
                {label}
              </p>
              {children}
            </div>
          );
        },
        heading: ({ node, children }) => {
          const anchor = anchors.get(node as PMNode);
          if (!anchor) return null;
          const Heading = headingTags[anchor.level];
          // The self-link sits beside the heading, not inside it, so the heading's accessible name stays its text.
          return (
            <div className="group/heading relative">
              <Heading id={anchor.id}>{children}</Heading>
              <a
                href={`#${anchor.id}`}
                aria-label={`Link to section: ${anchor.text || "untitled"}`}
                className="heading-anchor absolute top-0 -left-5 font-normal opacity-0 group-hover/heading:opacity-100 focus:opacity-100 sm:-left-7"
              >
                #
              </a>
            </div>
          );
        },
        codeBlock: ({ node }) => {
          const code = highlighted.get(node as PMNode);
          return code ? <CodeBlock code={code} filename={codeFilename(node.attrs.filename)} /> : null;
        },
        mathInline: ({ node }) => <MathFormula latex={latexOf(node.attrs)} display={false} />,
        mathBlock: ({ node }) => <MathFormula latex={latexOf(node.attrs)} display />,
        footnoteReference: ({ node }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          const number = footnotes.numbers.get(id);
          const anchor = footnotes.referenceIds.get(node as PMNode);
          if (!number || !anchor) return null;
          return (
            <sup className="footnote-ref" id={anchor}>
              <a href={`#fn-${id}`} aria-label={`Footnote ${number}`}>
                {number}
              </a>
            </sup>
          );
        },
        // The notes are listed once, in number order, wherever the list node stands (the editor keeps it last).
        footnotes: ({ node, children }) => {
          const rendered = Children.toArray(children);
          const byId = new Map<string, React.ReactNode>();
          (node as PMNode).forEach((note, _offset, index) => {
            if (typeof note.attrs.id === "string" && !byId.has(note.attrs.id)) byId.set(note.attrs.id, rendered[index]);
          });
          if (footnotes.notes.length === 0) return null;
          return (
            <section className="footnotes" aria-label="Footnotes">
              <ol>{footnotes.notes.map((note) => byId.get(note.id))}</ol>
            </section>
          );
        },
        footnote: ({ node, children }) => {
          const id = typeof node.attrs.id === "string" ? node.attrs.id : "";
          const number = footnotes.numbers.get(id);
          if (!number) return null;
          return (
            <li id={`fn-${id}`} key={id}>
              {children}
              <a href={`#fnref-${id}`} className="footnote-back" aria-label={`Back to reference ${number}`}>
                ↩
              </a>
            </li>
          );
        },
        embed: ({ node }) => {
          const embed = embedOf(node.attrs);
          if (!embed) return null;
          const title = embedTitle(node.attrs, embed.provider);
          const provider = EMBED_PROVIDER_NAMES[embed.provider];
          const frame = embedFrameUrl(embed);
          // Nothing from the provider loads until the reader asks (public/embed-loader.js swaps in a frame).
          return (
            <figure className="embed" data-embed-provider={embed.provider}>
              <div className="embed-placeholder">
                <p className="embed-title">{title}</p>
                <p className="embed-provider">{provider}</p>
                {frame && (
                  <button type="button" className="embed-load" data-embed-src={frame} data-embed-title={title}>
                    Load {embed.provider === "codepen" ? "pen" : "video"} from {provider}
                  </button>
                )}
                <a className="embed-link" href={embedPageUrl(embed)} rel="noopener noreferrer nofollow">
                  {frame ? `Open on ${provider}` : `View the gist on GitHub`}
                </a>
              </div>
            </figure>
          );
        },
        gallery: ({ children }) => <div className="gallery">{children}</div>,
        image: ({ node }) => {
          const image = images.get(node as PMNode);
          if (!image) return null;
          const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
          const title = typeof node.attrs.title === "string" ? node.attrs.title : undefined;
          const caption = imageCaption(node.attrs.caption) ?? title;
          const layout = imageLayout(node.attrs.layout);
          // Not next/image: most images are on other hosts, of unknown size; lib/responsive-image.ts sizes the ones on this site.
          return (
            <figure className={layout === "column" ? undefined : `figure-${layout}`}>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img {...image} alt={alt || image.alt || ""} title={title} loading="lazy" decoding="async" className="h-auto max-w-full" />
              {caption && <figcaption>{caption}</figcaption>}
            </figure>
          );
        },
      },
    },
  });
  // The typography classes shared with the editor stay here; the post's own adjustments are .post-body in app/code-theme.css.
  return (
    <div className="post-body prose prose-zinc dark:prose-invert sm:prose-lg">
      {content}
      {/* Hoisted and loaded once by React; only pages with a framable embed carry it. */}
      {hasEmbedFrames && <script src="/embed-loader.js" async />}
    </div>
  );
}

/** Each image with a safe src, sized ahead of rendering, which is synchronous. */
async function sizeImages(root: PMNode): Promise<Map<PMNode, ResponsiveImage>> {
  const images: [PMNode, string][] = [];
  root.descendants((node) => {
    const src = node.type.name === "image" ? safeImageSrc(node.attrs.src) : null;
    if (src) images.push([node, src]);
    return true;
  });
  return new Map(await Promise.all(images.map(async ([node, src]) => [node, await responsiveImage(src, ARTICLE_IMAGE_SIZES)] as const)));
}

async function highlightCodeBlocks(root: PMNode): Promise<Map<PMNode, HighlightedCode>> {
  const blocks: PMNode[] = [];
  root.descendants((node) => {
    if (node.type.name === "codeBlock") blocks.push(node);
    return node.type.name !== "codeBlock";
  });
  const language = (node: PMNode) => (typeof node.attrs.language === "string" ? node.attrs.language : null);
  return new Map(await Promise.all(blocks.map(async (node) => [node, await highlightCode(node.textContent, language(node))] as const)));
}
