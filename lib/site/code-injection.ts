import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";

/** Elements the head may hold from the injection; anything else would end the head early in a browser. */
export const HEAD_TAGS = new Set(["script", "style", "link", "meta", "noscript"]);

/** One element of the head injection, ready for React: its tag, its attributes and its raw inner HTML. */
export interface HeadElement {
  tag: string;
  attributes: Record<string, string>;
  innerHtml: string;
}

const isElement = (node: ChildNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";

function topLevel(html: string): { elements: Element[]; strayText: boolean } {
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const elements: Element[] = [];
  let strayText = false;
  for (const node of document.children) {
    if (isElement(node)) elements.push(node);
    else if (node.type === "text" && node.data.trim() !== "") strayText = true;
  }
  return { elements, strayText };
}

/**
 * What in a head injection cannot go in the head: element names outside HEAD_TAGS, and "text" for text
 * outside any element. Empty when the injection fits; the settings form refuses it otherwise.
 */
export function headInjectionProblems(html: string): string[] {
  const { elements, strayText } = topLevel(html);
  const problems = new Set(elements.map((element) => element.name).filter((name) => !HEAD_TAGS.has(name)));
  if (strayText) problems.add("text");
  return [...problems];
}

/**
 * The head injection as elements, each with its inner HTML exactly as written (script and style text is
 * never re-escaped). Elements the head cannot hold are left out; the form refuses them on save.
 */
export function headElements(html: string): HeadElement[] {
  if (html.trim() === "") return [];
  return topLevel(html)
    .elements.filter((element) => HEAD_TAGS.has(element.name))
    .map((element) => {
      const first = element.children[0];
      const last = element.children.at(-1);
      const innerHtml = first && last && first.startIndex !== null && last.endIndex !== null ? html.slice(first.startIndex, last.endIndex + 1) : "";
      return { tag: element.name, attributes: { ...element.attribs }, innerHtml };
    });
}
