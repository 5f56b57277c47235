import type { TocEntry } from "@/lib/editor/headings";

/*
 * What is stored beside a post's document for readers, and how a page reads it. The renderer that makes
 * it (lib/posts/body-html.ts: Tiptap, ProseMirror, Shiki, KaTeX) is loaded only where a body has to be
 * rendered: a save, the backfill job, or a page whose stored body is missing or out of date. A server
 * whose posts all have their current body stored never loads it.
 */

/**
 * Names lib/posts/body-html.ts's output. Bodies rendered when a post was saved are stored with it (HTML
 * and table of contents), and used only while it is unchanged: change it whenever the HTML for a given
 * document changes (body-html.test.ts fails until it is), and stored bodies are then rendered again from
 * their documents until next saved or the backfill job (lib/posts/body-backfill.ts) renders them.
 */
export const BODY_RENDERER = "2";

/** A post body as the reader page shows it. */
export interface PostBodyHtml {
  html: string;
  /** Whether it has an embed that can load a frame (the page then loads public/embed-loader.js). */
  hasEmbedFrames: boolean;
}

/** What is stored beside a post's document for readers: the body's HTML and its table of contents. */
export interface StoredBody {
  html: string;
  /** The entries of the page's table of contents (lib/editor/headings.ts), with the ids the HTML gives its headings. */
  toc: TocEntry[];
}

/** A body's HTML, rendered now or stored by an earlier save (see BODY_RENDERER), as the page uses it. */
export function storedBodyHtml(html: string): PostBodyHtml {
  return { html, hasEmbedFrames: html.includes('class="embed-load"') };
}
