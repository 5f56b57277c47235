import { parseDocument } from "htmlparser2";
import { createElement, Fragment, type ReactNode } from "react";
import { renderMath } from "@/lib/editor/math";
import "katex/dist/katex.min.css";

export interface MathProps {
  latex: string;
  display: boolean;
}

/** React's names for the attributes KaTeX writes. */
const attributeNames: Record<string, string> = { class: "className" };

type ChildNode = ReturnType<typeof parseDocument>["children"][number];

function styleObject(style: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 1) continue;
    const name = declaration.slice(0, colon).trim().replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    result[name] = declaration.slice(colon + 1).trim();
  }
  return result;
}

function toReact(nodes: ChildNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === "text") return node.data;
    if (node.type !== "tag") return null;
    const props: Record<string, unknown> = { key: index };
    for (const [name, value] of Object.entries(node.attribs)) {
      if (name.startsWith("on")) continue;
      if (name === "style") props.style = styleObject(value);
      else props[attributeNames[name] ?? name] = value;
    }
    return createElement(node.name, props, ...toReact(node.children));
  });
}

/**
 * A formula rendered by KaTeX on the server: no script reaches the reader. KaTeX's markup becomes React
 * elements (not raw HTML), KaTeX's CSS and fonts come from its npm package through the build. A formula
 * KaTeX cannot read shows its source as code instead; rendering never throws.
 */
export function MathFormula({ latex, display }: MathProps) {
  const result = renderMath(latex, { display });
  if (!result.ok) {
    const code = <code className="math-error" title={`Formula could not be rendered: ${result.error}`}>{latex}</code>;
    return display ? <div className="math-display">{code}</div> : code;
  }
  const rendered = createElement(Fragment, null, ...toReact(parseDocument(result.html, { lowerCaseAttributeNames: false }).children));
  return display ? <div className="math-display">{rendered}</div> : <span className="math-inline">{rendered}</span>;
}
