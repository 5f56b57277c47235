import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { languageLabel, type HighlightedCode } from "@/lib/highlight";

export interface CodeBlockProps {
  code: HighlightedCode;
  /** The block's filename or caption, shown above it. */
  filename?: string | null;
}

/**
 * A code block highlighted on the server. The hast tree becomes React elements (text stays text, so
 * nothing in the code can become markup), and the page ships no JavaScript for it.
 */
export function CodeBlock({ code, filename }: CodeBlockProps) {
  return (
    <div className="code-block">
      {(code.language || filename) && (
        <p className="code-block-label">
          {filename && <span className="code-block-filename">{filename}</span>}
          {code.language && <span>{languageLabel(code.language)}</span>}
        </p>
      )}
      {/* No keys: the block is never re-rendered on the client, and each key would cost bytes in the RSC payload. */}
      {toJsxRuntime(code.tree, { Fragment, jsx, jsxs, passKeys: false })}
    </div>
  );
}
