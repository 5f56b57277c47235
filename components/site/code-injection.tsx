import { createElement } from "react";
import { headElements } from "@/lib/site/code-injection";

// HTML attribute names React spells differently; others pass through as written (lower case).
const REACT_NAMES: Record<string, string> = {
  class: "className",
  charset: "charSet",
  "http-equiv": "httpEquiv",
  crossorigin: "crossOrigin",
  referrerpolicy: "referrerPolicy",
  nomodule: "noModule",
  fetchpriority: "fetchPriority",
  hreflang: "hrefLang",
  imagesrcset: "imageSrcSet",
  imagesizes: "imageSizes",
  itemprop: "itemProp",
};
const BOOLEAN = new Set(["async", "defer", "nomodule", "disabled", "blocking"]);

function reactProps(attributes: Record<string, string>): Record<string, string | boolean> {
  const props: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    // Inline handlers and style strings have no React form; handlers would be refused by the CSP anyway.
    if (name.startsWith("on") || name === "style") continue;
    props[REACT_NAMES[name] ?? name] = BOOLEAN.has(name) && name !== "blocking" ? true : value;
  }
  return props;
}

/**
 * The Administrator's head code injection as head elements, each with its inner HTML as written. Reader
 * pages only. React cannot write raw HTML into <head> without an element around it, so each top-level
 * element becomes its own.
 */
export function HeadInjection({ html }: { html: string }) {
  return headElements(html).map((element, index) =>
    createElement(element.tag, {
      key: index,
      ...reactProps(element.attributes),
      ...(element.innerHtml ? { dangerouslySetInnerHTML: { __html: element.innerHtml } } : {}),
    }),
  );
}

/** The Administrator's footer code injection, as written, at the end of the body. Reader pages only. */
export function FootInjection({ html }: { html: string }) {
  if (html.trim() === "") return null;
  // display: contents keeps the wrapper out of the layout; scripts in it run as the page is parsed.
  return <div data-code-injection="foot" style={{ display: "contents" }} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: html }} />;
}
