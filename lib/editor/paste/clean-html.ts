import { toCalloutKind } from "@/lib/editor/callout";
import { newFootnoteId } from "@/lib/editor/nodes/footnotes";

/**
 * Clean-up of HTML from the clipboard before the editor parses it with the post schema. Google Docs,
 * Word and web pages wrap structure in styling the schema cannot hold; the parser would keep their text
 * and lose the structure (a Word list becomes paragraphs with "·" in front, a Google Docs bold span
 * becomes plain text). This turns what it can into the plain HTML the schema reads, and says what it
 * could not keep. Pure: works on a DOM document it parses itself (DOMParser: inert, no loads or scripts).
 */

/** What a paste could not keep, in words for the writer. */
export interface PasteLoss {
  kind: "footnotes" | "media" | "images";
  count: number;
  message: string;
}

export interface CleanedHtml {
  html: string;
  losses: PasteLoss[];
}

/** The one DOM API the clean-up needs; the browser's DOMParser or a test DOM's. */
export interface HtmlParser {
  parseFromString(html: string, type: "text/html"): Document;
}

// Page furniture copied along with content: copy buttons (GitHub's <clipboard-copy>), icons, forms.
const REMOVED = "script, style, noscript, template, meta, link, title, button, input, select, textarea, svg, math, form, nav, clipboard-copy";
const MEDIA = "iframe, video, audio, embed, object, canvas";
const MONOSPACE = /(?:^|[\s,"'])(?:monospace|courier|consolas|menlo|monaco|"?roboto mono"?|"?source code pro"?|"?fira code"?|"?jetbrains mono"?|"?sf mono"?|"?cascadia)/i;
/** Attributes the schema reads; everything else (styles, classes, ids, tracking data) goes. */
const KEPT_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  img: ["src", "alt", "title"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
  ul: ["data-type"],
  ol: ["start", "data-footnotes"],
  li: ["data-footnote", "data-type", "data-checked"],
  sup: ["data-footnote-ref"],
  code: ["class"],
  div: ["data-callout", "data-type"],
  pre: [],
};

/** Cleans clipboard HTML; see the module comment. */
export function cleanPastedHtml(html: string, parser: HtmlParser): CleanedHtml {
  const doc = parser.parseFromString(html, "text/html");
  const body = doc.body;
  const losses: PasteLoss[] = [];

  removeComments(body);
  // MUST run before form controls are removed: a task's checkbox is its state.
  convertTaskLists(body);
  for (const element of all(body, REMOVED)) element.remove();
  // Word's namespaced elements (<o:p>, <v:shape>, <w:sdt>) hold nothing readers see, or wrap content.
  for (const element of all(body, "*")) {
    if (!element.tagName.includes(":")) continue;
    if (element.tagName.toLowerCase() === "o:p" || element.tagName.toLowerCase().startsWith("v:")) element.remove();
    else unwrap(element);
  }

  const media = all(body, MEDIA);
  if (media.length > 0) {
    media.forEach((element) => element.remove());
    losses.push({ kind: "media", count: media.length, message: `${plural(media.length, "embedded video, audio or frame", "embedded videos, audio or frames")} could not be pasted; add ${media.length === 1 ? "it" : "them"} again as a link.` });
  }
  const dataImages = all(body, "img").filter((img) => !/^(?:https?:\/\/|\/(?!\/))/i.test(img.getAttribute("src")?.trim() ?? ""));
  if (dataImages.length > 0) {
    dataImages.forEach((img) => img.remove());
    losses.push({ kind: "images", count: dataImages.length, message: `${plural(dataImages.length, "image", "images")} stored inside the copied text (not at a web address) could not be pasted; upload ${dataImages.length === 1 ? "it" : "them"} instead.` });
  }

  unwrapGoogleDocsWrapper(body);
  convertWordLists(body);
  convertCodeDivs(body);
  convertCodeLanguages(body);
  convertCallouts(body);
  const unlinked = convertFootnotes(body);
  if (unlinked > 0) {
    losses.push({ kind: "footnotes", count: unlinked, message: `${plural(unlinked, "footnote reference", "footnote references")} came without ${unlinked === 1 ? "its note" : "their notes"}, so ${unlinked === 1 ? "it stays" : "they stay"} as numbered text.` });
  }
  inlineStylesToMarks(body);
  fixHeadings(body);
  fixLists(body);
  fixTableHeaders(body);
  dropStrayBreaks(body);
  stripAttributes(body);
  dropEmpty(body);

  return { html: body.innerHTML.trim(), losses };
}

const plural = (count: number, one: string, many: string) => `${count === 1 ? "1" : count} ${count === 1 ? one : many}`;

function all(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

function unwrap(element: Element) {
  element.replaceWith(...Array.from(element.childNodes));
}

/** Replaces `element` by a new one named `tag`, keeping its children. */
function rename(element: Element, tag: string): Element {
  const next = element.ownerDocument.createElement(tag);
  next.append(...Array.from(element.childNodes));
  element.replaceWith(next);
  return next;
}

function removeComments(root: Node) {
  // Word's conditional comments (<!--[if !supportLists]-->) come as comments around list bullets.
  const walker = root.ownerDocument!.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((comment) => comment.parentNode?.removeChild(comment));
}

function styleOf(element: Element): string {
  return (element.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, " ");
}

/** Google Docs wraps the whole selection in <b style="font-weight:normal" id="docs-internal-guid-…">. */
function unwrapGoogleDocsWrapper(body: HTMLElement) {
  for (const element of all(body, '[id^="docs-internal-guid-"]')) unwrap(element);
  for (const element of all(body, "b, strong")) {
    if (/font-weight:\s*(?:normal|400)/.test(styleOf(element))) unwrap(element);
  }
}

/**
 * Word writes list items as paragraphs styled "mso-list: l0 level2 lfo1", with the bullet or number as
 * text in a span styled "mso-list: Ignore". Consecutive ones become nested <ul>/<ol> again.
 */
function convertWordLists(body: HTMLElement) {
  const items = all(body, "p").filter((p) => /mso-list:\s*l\d+/.test(styleOf(p)));
  if (items.length === 0) return;
  let current: { list: Element; level: number; parentItem: Element | null }[] = [];
  let previous: Element | null = null;
  for (const p of items) {
    const level = Number(/level(\d+)/.exec(styleOf(p))?.[1] ?? "1");
    const marker = all(p, "span").find((span) => /mso-list:\s*ignore/.test(styleOf(span)));
    const markerText = (marker?.textContent ?? "").replace(/\u00a0/g, " ").trim();
    marker?.remove();
    const ordered = /^(?:\d+|[a-z]|[ivxlc]+)[.)]$/i.test(markerText);
    const adjacent = previous !== null && previousElement(p) === previous;
    if (!adjacent) current = [];
    while (current.length > 0 && current[current.length - 1]!.level > level) current.pop();
    let top = current[current.length - 1];
    if (!top || top.level < level) {
      const list = body.ownerDocument.createElement(ordered ? "ol" : "ul");
      const parentItem = top ? top.list.lastElementChild : null;
      if (parentItem) parentItem.append(list);
      else p.before(list);
      top = { list, level, parentItem };
      current.push(top);
    }
    const li = body.ownerDocument.createElement("li");
    li.append(rename(p, "p"));
    top.list.append(li);
    previous = findListRoot(top.list);
  }
}

function previousElement(element: Element): Element | null {
  let node = element.previousSibling;
  while (node && node.nodeType === 3 && !node.textContent?.trim()) node = node.previousSibling;
  return node && node.nodeType === 1 ? (node as Element) : null;
}

function findListRoot(list: Element): Element {
  let root = list;
  while (root.parentElement && (root.parentElement.tagName === "LI" || root.parentElement.tagName === "UL" || root.parentElement.tagName === "OL")) root = root.parentElement;
  return root;
}

/**
 * Whether a list item is a task, and if so whether it is done: GitHub's and Markdown's HTML (a checkbox
 * before any text), Tiptap's (data-type="taskItem" with data-checked), Google Docs' checklists
 * (role="checkbox" with aria-checked). Null for an ordinary item.
 */
function taskState(item: Element): { checked: boolean; box: Element | null } | null {
  if (item.getAttribute("data-type") === "taskItem") {
    const checked = item.getAttribute("data-checked");
    return { checked: checked === "" || checked === "true", box: leadingCheckbox(item) };
  }
  if (item.getAttribute("role") === "checkbox" && item.hasAttribute("aria-checked")) {
    return { checked: item.getAttribute("aria-checked") === "true", box: null };
  }
  const box = leadingCheckbox(item);
  return box ? { checked: box.hasAttribute("checked") || box.getAttribute("aria-checked") === "true", box } : null;
}

/** The item's own checkbox (not a nested item's) when no text comes before it. */
function leadingCheckbox(item: Element): Element | null {
  const box = all(item, 'input[type="checkbox"]').find((input) => input.closest("li") === item);
  if (!box) return null;
  const walker = item.ownerDocument.createTreeWalker(item, 4 /* NodeFilter.SHOW_TEXT */);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    // DOCUMENT_POSITION_PRECEDING: the text comes before the checkbox.
    if (box.compareDocumentPosition(node) & 2 && node.textContent?.trim()) return null;
  }
  return box;
}

/**
 * Task lists (GitHub's `- [ ]` items, Markdown pasted as text, another editor's checklists) become the
 * editor's: `<ul data-type="taskList">` of `<li data-type="taskItem" data-checked>` holding the item's
 * blocks without the checkbox. A list mixing tasks and plain items is split into runs of each, as the
 * schema keeps the two kinds of item in different lists.
 */
function convertTaskLists(body: HTMLElement) {
  for (const list of all(body, "ul, ol")) {
    const items = Array.from(list.children).filter((child) => child.tagName === "LI");
    const states = items.map(taskState);
    if (!states.some(Boolean)) continue;
    items.forEach((item, index) => {
      const state = states[index];
      if (!state) return;
      const label = state.box?.closest("label");
      state.box?.remove();
      if (label && label !== item && item.contains(label) && !(label.textContent ?? "").trim()) label.remove();
      // Tiptap's markup holds the content in a <div> after the checkbox's label.
      const elements = Array.from(item.children);
      if (elements.length === 1 && elements[0]!.tagName === "DIV" && !elements[0]!.attributes.length) unwrap(elements[0]!);
      item.setAttribute("data-type", "taskItem");
      item.setAttribute("data-checked", String(state.checked));
    });
    const runs: { task: boolean; items: Element[] }[] = [];
    items.forEach((item, index) => {
      const task = states[index] !== null;
      const last = runs[runs.length - 1];
      if (last && last.task === task) last.items.push(item);
      else runs.push({ task, items: [item] });
    });
    const start = Number(list.getAttribute("start") ?? "1") || 1;
    let counted = 0;
    for (const run of runs) {
      const next = list.ownerDocument.createElement(run.task ? "ul" : list.tagName.toLowerCase());
      if (run.task) next.setAttribute("data-type", "taskList");
      else if (list.tagName === "OL" && start + counted !== 1) next.setAttribute("start", String(start + counted));
      next.append(...run.items);
      list.before(next);
      counted += run.items.length;
    }
    list.remove();
  }
}

/**
 * Code shown as monospace divs with white-space: pre (VS Code's and many sites' HTML) becomes one
 * <pre>, one line per child block, instead of one paragraph per line.
 */
function convertCodeDivs(body: HTMLElement) {
  for (const element of all(body, "div")) {
    if (!element.isConnected) continue;
    const style = styleOf(element);
    if (!/white-space:\s*pre/.test(style) || !MONOSPACE.test(style)) continue;
    // VS Code writes a <div> per line and a bare <br> for each empty line.
    const children = Array.from(element.children);
    const lines = children.length > 0 && children.every((child) => /^(?:DIV|P|BR)$/.test(child.tagName))
      ? children.map((child) => (child.tagName === "BR" ? "" : (child.textContent ?? "").replace(/\u00a0/g, " ")))
      : [(element.textContent ?? "").replace(/\u00a0/g, " ")];
    const pre = element.ownerDocument.createElement("pre");
    const code = element.ownerDocument.createElement("code");
    code.textContent = lines.join("\n").replace(/\n+$/, "");
    pre.append(code);
    element.replaceWith(pre);
  }
}

/** The language of a highlighted block from the class names sites use (GitHub, Prism, highlight.js). */
function languageFromClasses(element: Element | null): string | null {
  if (!element) return null;
  for (const name of Array.from(element.classList)) {
    const match = /^(?:language|lang|highlight-source|highlight)-([a-z0-9+#.-]+)$/i.exec(name);
    if (match) return match[1]!.toLowerCase();
  }
  return element.getAttribute("data-language") ?? element.getAttribute("data-lang");
}

function convertCodeLanguages(body: HTMLElement) {
  for (const pre of all(body, "pre")) {
    const code = pre.querySelector("code");
    const language = languageFromClasses(code) ?? languageFromClasses(pre) ?? languageFromClasses(pre.parentElement);
    // Highlighted code arrives as coloured spans, sometimes one element per line: only the text counts.
    const text = (code ?? pre).textContent ?? "";
    const clean = pre.ownerDocument.createElement("code");
    clean.textContent = text.replace(/\n$/, "");
    if (language) clean.setAttribute("class", `language-${language}`);
    pre.replaceChildren(clean);
  }
  // An inline <code> with a class keeps none: only block code carries a language.
  for (const code of all(body, "code")) {
    if (code.parentElement?.tagName !== "PRE") code.removeAttribute("class");
  }
}

/**
 * Callouts from other tools: GitHub's rendered alerts (.markdown-alert-note), admonitions (.admonition
 * warning), [data-callout] and Markdown's "> [!NOTE]" quotes become <div data-callout="kind">, without
 * their title line (the kind gives the label).
 */
function convertCallouts(body: HTMLElement) {
  for (const element of all(body, "div.markdown-alert, div.admonition, div.callout, aside.callout, aside[data-callout], div[data-callout]")) {
    const names = [element.getAttribute("data-callout") ?? "", ...Array.from(element.classList).map((name) => name.replace(/^(?:markdown-alert-|callout-|admonition-)/, ""))];
    const kind = names.map(toCalloutKind).find(Boolean) ?? "note";
    for (const title of all(element, ".markdown-alert-title, .admonition-title, .callout-title, .callout-label")) title.remove();
    const callout = rename(element, "div");
    callout.setAttribute("data-callout", kind);
  }
  for (const quote of all(body, "blockquote")) {
    const first = quote.firstElementChild;
    const match = first ? /^\s*\[!(\w+)\]\s*/.exec(first.textContent ?? "") : null;
    const kind = match ? toCalloutKind(match[1]) : null;
    if (!first || !match || !kind) continue;
    stripLeadingText(first, match[0].length);
    if (!first.textContent?.trim()) first.remove();
    const callout = rename(quote, "div");
    callout.setAttribute("data-callout", kind);
  }
}

/** Removes the first `count` characters of an element's text, across its text nodes. */
function stripLeadingText(element: Element, count: number) {
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  let left = count;
  while (left > 0 && walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent ?? "";
    node.textContent = text.slice(left);
    left -= Math.min(left, text.length);
  }
  // A <br> that ended the marker line would start the callout with an empty line.
  if (element.firstChild?.nodeName === "BR") element.firstChild.remove();
}

/**
 * Footnotes from Google Docs (#ftnt1), Word (#_ftn1), GitHub and Pandoc (#fn-1, #fn1, role=doc-noteref)
 * become the editor's own: each reference a `<sup data-footnote-ref>` and each note, found through the
 * reference's link and without its back-link, an item of one `<ol data-footnotes>` at the end (the
 * editor keeps that list in reference order). A reference whose note is not in the copy keeps its
 * number as "[1]" text; returns how many there were of those, which the writer is told about.
 */
function convertFootnotes(body: HTMLElement): number {
  const reference = 'a[href^="#ftnt"], a[href^="#_ftn"], a[href^="#fn"], a[data-footnote-ref], a[role="doc-noteref"], a.footnote-ref';
  const backlink = 'a[href^="#ftnt_ref"], a[href^="#_ftnref"], a[href^="#fnref"], a[data-footnote-backref], a[role="doc-backlink"], a.footnote-back';
  const doc = body.ownerDocument;
  const references = all(body, reference).filter((link) => !link.matches(backlink));
  const anchors = all(body, "[id], a[name]");
  const ids = new Map<string, string>();
  const notes: Element[] = [];
  const containers: Element[] = [];
  let unlinked = 0;
  for (const link of references) {
    if (!link.isConnected) continue;
    const sup = link.parentElement?.tagName === "SUP" && link.parentElement.childNodes.length === 1 ? link.parentElement : null;
    const target = decodeURIComponent((link.getAttribute("href") ?? "").replace(/^#/, ""));
    let id = ids.get(target);
    if (!id) {
      const anchor = target ? anchors.find((element) => element.id === target || element.getAttribute("name") === target) : undefined;
      const container = anchor?.closest("li") ?? anchor?.closest("div[id]") ?? anchor?.closest("p") ?? null;
      if (!container || container.contains(link)) {
        unlinked++;
        const number = (link.textContent ?? "").replace(/[^\d]/g, "");
        (sup ?? link).replaceWith(doc.createTextNode(`[${number || unlinked}]`));
        continue;
      }
      id = newFootnoteId();
      ids.set(target, id);
      const note = doc.createElement("li");
      note.setAttribute("data-footnote", id);
      for (const back of all(container, backlink)) back.remove();
      const blocks = all(container, ":scope > p");
      if (container.tagName === "P" || blocks.length === 0) {
        const paragraph = doc.createElement("p");
        paragraph.append(...Array.from(container.childNodes));
        note.append(paragraph);
      } else {
        note.append(...Array.from(container.childNodes));
      }
      const first = note.querySelector("p")?.firstChild;
      if (first?.nodeType === 3 /* text */) first.textContent = (first.textContent ?? "").replace(/^[\s\u00a0]+/, "");
      notes.push(note);
      containers.push(container);
    }
    const marker = doc.createElement("sup");
    marker.setAttribute("data-footnote-ref", id);
    marker.textContent = String(notes.findIndex((note) => note.getAttribute("data-footnote") === id) + 1);
    (sup ?? link).replaceWith(marker);
  }
  // The notes' old places: their containers, now-empty wrappers around them, and the rule above them.
  for (const container of containers) {
    let gone: Element | null = container;
    while (gone && gone !== body && gone.parentElement && gone.parentElement !== body && !(gone.parentElement.textContent ?? "").replace(gone.textContent ?? "", "").trim()) {
      gone = gone.parentElement;
    }
    if (!gone || gone === body) continue;
    let before = gone.previousElementSibling;
    while (before && (before.tagName === "HR" || before.tagName === "BR")) {
      const previous = before.previousElementSibling;
      before.remove();
      before = previous;
    }
    gone.remove();
  }
  // GitHub's and Pandoc's note lists sit in a section with a hidden heading ("Footnotes").
  for (const heading of all(body, "section[data-footnotes] h2.sr-only, section.footnotes h2.sr-only")) heading.remove();
  for (const section of all(body, "section[data-footnotes], section.footnotes")) if (!(section.textContent ?? "").trim()) section.remove();
  if (notes.length > 0) {
    const list = doc.createElement("ol");
    list.setAttribute("data-footnotes", "");
    list.append(...notes);
    body.append(list);
  }
  return unlinked;
}

/**
 * Styled spans (Google Docs and Word write bold, italic, strike and code as inline styles) become the
 * matching marks, then disappear.
 */
function inlineStylesToMarks(body: HTMLElement) {
  for (const span of all(body, "span, font")) {
    const style = styleOf(span);
    let wrapped: Node[] = Array.from(span.childNodes);
    const wrap = (tag: string) => {
      const element = span.ownerDocument.createElement(tag);
      element.append(...wrapped);
      wrapped = [element];
    };
    const insideLink = span.closest("a") !== null;
    const insideCode = span.closest("pre, code") !== null;
    if (!insideCode && MONOSPACE.test(/font-family:([^;]*)/.exec(style)?.[1] ?? "")) wrap("code");
    if (/font-weight:\s*(?:bold|[6-9]00)/.test(style) && !span.closest("h1, h2, h3, h4, h5, h6, th")) wrap("strong");
    if (/font-style:\s*italic/.test(style)) wrap("em");
    if (/text-decoration[^;]*line-through/.test(style)) wrap("s");
    if (/text-decoration[^;]*underline/.test(style) && !insideLink) wrap("u");
    span.replaceWith(...wrapped);
  }
}

/** The title is the post's only h1: pasted levels shift into the 2–4 the body allows. */
function fixHeadings(body: HTMLElement) {
  const levels = all(body, "h1, h2, h3, h4, h5, h6").map((heading) => Number(heading.tagName[1]));
  if (levels.length === 0) return;
  const shift = Math.max(0, 2 - Math.min(...levels));
  for (const heading of all(body, "h1, h2, h3, h4, h5, h6")) {
    const level = Math.min(4, Number(heading.tagName[1]) + shift);
    if (level !== Number(heading.tagName[1])) rename(heading, `h${level}`);
  }
}

/** Google Docs nests a sub-list directly in its parent list; HTML (and the schema) want it in an item. */
function fixLists(body: HTMLElement) {
  for (const list of all(body, "ul > ul, ul > ol, ol > ul, ol > ol")) {
    const item = previousElement(list);
    if (item?.tagName === "LI") item.append(list);
    else list.replaceWith(wrapIn(list, "li"));
  }
}

function wrapIn(element: Element, tag: string): Element {
  const wrapper = element.ownerDocument.createElement(tag);
  element.replaceWith(wrapper);
  wrapper.append(element);
  return wrapper;
}

/** Cells of a table's <thead> are header cells even when written as <td>. */
function fixTableHeaders(body: HTMLElement) {
  for (const cell of all(body, "thead td")) {
    const th = rename(cell, "th");
    for (const name of ["colspan", "rowspan"]) {
      const value = cell.getAttribute(name);
      if (value) th.setAttribute(name, value);
    }
  }
}

/** Google Docs puts <br> between blocks, which the parser turns into empty paragraphs. */
function dropStrayBreaks(body: HTMLElement) {
  for (const br of all(body, "br")) {
    const parent = br.parentElement;
    if (parent && (parent === body || /^(?:DIV|SECTION|ARTICLE|LI|TD|TH|BLOCKQUOTE)$/.test(parent.tagName)) && isBetweenBlocks(br)) br.remove();
  }
}

function isBetweenBlocks(br: Element): boolean {
  const isBlock = (node: Node | null) => node === null || (node.nodeType === 1 && /^(?:P|H[1-6]|UL|OL|TABLE|PRE|BLOCKQUOTE|DIV|HR|DETAILS)$/.test((node as Element).tagName));
  const skip = (node: Node | null, next: boolean): Node | null => {
    let current = node;
    while (current && current.nodeType === 3 && !current.textContent?.trim()) current = next ? current.nextSibling : current.previousSibling;
    return current;
  };
  return isBlock(skip(br.previousSibling, false)) && isBlock(skip(br.nextSibling, true));
}

function stripAttributes(body: HTMLElement) {
  for (const element of all(body, "*")) {
    const kept = KEPT_ATTRIBUTES[element.tagName.toLowerCase()] ?? [];
    for (const name of element.getAttributeNames()) {
      // ProseMirror marks a copy from an editor with data-pm-slice, which says how deep the copy was open.
      if (!kept.includes(name) && name !== "data-pm-slice") element.removeAttribute(name);
    }
    // Only language-* classes on code carry meaning.
    if (element.tagName === "CODE") {
      const language = Array.from(element.classList).find((name) => name.startsWith("language-"));
      if (language) element.setAttribute("class", language);
      else element.removeAttribute("class");
    }
  }
}

/** Empty spans, links and paragraphs (Word's "<p><o:p>&nbsp;</o:p></p>" spacers) carry nothing. */
function dropEmpty(body: HTMLElement) {
  for (const element of all(body, "span, a, strong, b, em, i, u, s, code, font").reverse()) {
    if (element.isConnected && element.childNodes.length === 0) element.remove();
  }
  for (const p of all(body, "p")) {
    const text = (p.textContent ?? "").replace(/\u00a0/g, " ").trim();
    const inCell = p.parentElement !== null && /^(?:TD|TH|LI)$/.test(p.parentElement.tagName);
    if (!text && !p.querySelector("img, br") && !inCell) p.remove();
  }
}
