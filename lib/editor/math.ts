import katex from "katex";
import { LATEX_MAX } from "@/lib/editor/nodes/math";

/*
 * LaTeX to HTML through KaTeX, for the reader page (HTML and MathML, styled by KaTeX's CSS), the feeds
 * (MathML only: feed readers have no KaTeX CSS) and the editor's preview. Untrusted input: KaTeX's
 * `trust` stays off (no \href, \url, \includegraphics, \htmlClass…) and sizes and macro expansion are
 * bounded, so a formula cannot load anything or hang the render.
 */

export type MathRender = { ok: true; html: string } | { ok: false; error: string };

/** A formula as HTML, or KaTeX's error message; never throws. */
export function renderMath(latex: string, { display, output = "htmlAndMathml" }: { display: boolean; output?: "htmlAndMathml" | "mathml" }): MathRender {
  if (latex.length > LATEX_MAX) return { ok: false, error: `Formulas may be up to ${LATEX_MAX} characters.` };
  try {
    const html = katex.renderToString(latex, {
      displayMode: display,
      output,
      throwOnError: true,
      trust: false,
      strict: "ignore",
      maxSize: 20,
      maxExpand: 500,
    });
    return { ok: true, html };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.replace(/^KaTeX parse error: /, "") : "This formula could not be read." };
  }
}

/** A stored latex attribute as a string (empty when missing). */
export function latexOf(attrs: Record<string, unknown>): string {
  return typeof attrs.latex === "string" ? attrs.latex : "";
}
