import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import { nodeFromStoredDoc, type PostDoc } from "@/lib/editor/doc";
import { postExtensions } from "@/lib/editor/extensions";
import { isExternalHref, safeHref, safeImageSrc } from "@/lib/editor/safe-href";

export interface PostBodyProps {
  doc: PostDoc;
}

/**
 * Renders a stored post document as React elements on the server: no editor, no client JavaScript and
 * no raw HTML. Link and image targets are filtered again here, so a document that bypassed write-time
 * validation still cannot produce a script URL.
 */
export function PostBody({ doc }: PostBodyProps) {
  const content = renderToReactElement({
    content: nodeFromStoredDoc(doc),
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
        image: ({ node }) => {
          const src = safeImageSrc(node.attrs.src);
          if (!src) return null;
          const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
          const title = typeof node.attrs.title === "string" ? node.attrs.title : undefined;
          return (
            <figure>
              {/* Authors link images from anywhere; next/image would need every host allow-listed. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={src} alt={alt} title={title} loading="lazy" decoding="async" />
              {title && <figcaption>{title}</figcaption>}
            </figure>
          );
        },
      },
    },
  });
  return (
    <div className="prose prose-zinc max-w-none prose-headings:scroll-mt-20 prose-headings:tracking-tight prose-a:text-indigo-700 prose-pre:overflow-x-auto dark:prose-invert dark:prose-a:text-indigo-300 sm:prose-lg">
      {content}
    </div>
  );
}
