import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { languageLabel, type HighlightedCode } from "@/lib/highlight";

export interface CodeBlockProps {
  code: HighlightedCode;
}

/**
 * A code block highlighted on the server. The hast tree becomes React elements (text stays text, so
 * nothing in the code can become markup), and the page ships no JavaScript for it.
 */
export function CodeBlock({ code }: CodeBlockProps) {
  return (
    <div className="code-block">
      {code.language && (
        <p className="code-block-label">
          {languageLabel(code.language)}
        </p>
      )}
      {/* No keys: the block is never re-rendered on the client, and each key would cost bytes in the RSC payload. */}
      {toJsxRuntime(code.tree, { Fragment, jsx, jsxs, passKeys: false })}
    </div>
  );
}
