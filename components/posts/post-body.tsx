import type { PostDoc } from "@/lib/editor/doc";
import type { PostBodyHtml } from "@/lib/posts/stored-body";
import "katex/dist/katex.min.css";

/** The body already rendered with the post's data (lib/posts.ts), or a document to render here. */
export type PostBodyProps = { body: PostBodyHtml } | { doc: PostDoc };

/**
 * A stored post document on the reader page, rendered on the server as one HTML string
 * (lib/posts/body-html.ts, which escapes and filters everything it writes): no editor, no client
 * JavaScript, and no per-element cost in React. KaTeX's CSS and fonts come from its npm package through
 * the build.
 */
export async function PostBody(props: PostBodyProps) {
  // The renderer loads only for a document (a preview): a published post's body comes rendered.
  const body = "body" in props ? props.body : await (await import("@/lib/posts/body-html")).renderPostBodyHtml(props.doc);
  // The typography classes shared with the editor stay here; the post's own adjustments are .post-body in app/code-theme.css.
  return (
    <>
      <div className="post-body prose prose-zinc dark:prose-invert sm:prose-lg" dangerouslySetInnerHTML={{ __html: body.html }} />
      {/* Hoisted and loaded once by React; only pages with a framable embed carry it. */}
      {body.hasEmbedFrames && <script src="/embed-loader.js" async />}
    </>
  );
}
