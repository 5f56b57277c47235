// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { NodeSelection, TextSelection, type Transaction } from "@tiptap/pm/state";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isPlainTyping, isTypingWhereLinksCannotBe } from "@/components/editor/autolink-gate";
import { REACT_NODE_VIEW_TYPES, withBlockViews } from "@/components/editor/block-views";
import { containsNodeOfType, skipNeedlessFirstRedraw } from "@/components/editor/node-view-redraw";
import { NativeTyping, nativeTypingKey } from "@/components/editor/native-typing";
import { postSchema } from "@/lib/editor/doc";
import { postExtensions } from "@/lib/editor/extensions";

const editors: Editor[] = [];
afterEach(() => {
  editors.splice(0).forEach((editor) => editor.destroy());
  vi.unstubAllGlobals();
});

function editorWith(extensions: Editor["options"]["extensions"], text = "intro") {
  const editor = new Editor({
    element: document.body.appendChild(document.createElement("div")),
    extensions,
    content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }, { type: "paragraph", content: [{ type: "text", text: "second" }] }] },
  });
  editors.push(editor);
  return editor;
}

const editorsUnderTest = () => withBlockViews(postExtensions).concat(NativeTyping);

/** Types `text` at the end of the first paragraph as the browser's text input reaches ProseMirror. */
function type(editor: Editor, text: string) {
  const { view } = editor;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, view.state.doc.firstChild!.nodeSize - 1)));
  for (const char of text) {
    const { from, to } = view.state.selection;
    const deflt = () => view.state.tr.insertText(char, from, to).scrollIntoView();
    if (!view.someProp("handleTextInput", (handle) => handle(view, from, to, char, deflt))) view.dispatch(deflt());
  }
}

describe("the editor's extensions", () => {
  it("keep the shared schema: the same nodes and marks in the same order, Link and headings configured as shared", () => {
    const editor = editorWith(editorsUnderTest());
    expect(Object.keys(editor.schema.nodes)).toEqual(Object.keys(postSchema.nodes));
    expect(Object.keys(editor.schema.marks)).toEqual(Object.keys(postSchema.marks));
    const link = editor.extensionManager.extensions.find((extension) => extension.name === "link")!;
    expect(link.options).toMatchObject({ autolink: true, openOnClick: false, defaultProtocol: "https", protocols: ["http", "https", "mailto"] });
    expect(editor.extensionManager.extensions.find((extension) => extension.name === "heading")!.options.levels).toEqual([2, 3, 4]);
  });

  it("see text input last, after input rules", () => {
    const editor = editorWith(editorsUnderTest());
    const handlers = editor.state.plugins.filter((plugin) => plugin.props.handleTextInput);
    expect(handlers.at(-1)?.spec.key).toBe(nativeTypingKey);
    editor.commands.setContent({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "##" }] }] });
    type(editor, " Title");
    expect(editor.getJSON().content?.[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Title" }] });
  });
});

describe("autolinking, skipped for plain typing", () => {
  it("links a typed address once whitespace follows it, as the stock extension does", () => {
    const gated = editorWith(editorsUnderTest(), "see");
    const stock = editorWith(postExtensions, "see");
    for (const editor of [gated, stock]) type(editor, " example.com/docs and www.example.org\u00a0then (https://quire.test/a) x");
    expect(gated.getJSON()).toEqual(stock.getJSON());
    const linked: string[] = [];
    gated.state.doc.firstChild!.forEach((node) => {
      if (node.marks.some((mark) => mark.type.name === "link")) linked.push(node.text ?? "");
    });
    expect(linked).toEqual(["example.com/docs", "www.example.org", "https://quire.test/a"]);
  });

  it("still unlinks whitespace typed at the end of a link", () => {
    const gated = editorWith(editorsUnderTest(), "x");
    const stock = editorWith(postExtensions, "x");
    for (const editor of [gated, stock]) {
      editor.chain().setTextSelection({ from: 2, to: 2 }).insertContent({ type: "text", text: "https://a.test", marks: [{ type: "link", attrs: { href: "https://a.test" } }] }).run();
      type(editor, " more");
    }
    expect(gated.getJSON()).toEqual(stock.getJSON());
  });

  it("counts as plain typing only one step of text without whitespace inside one textblock", () => {
    const editor = editorWith(postExtensions, "hello");
    const { state } = editor;
    const plain = (tr: Transaction) => isPlainTyping([tr]);
    expect(plain(state.tr.insertText("a", 3))).toBe(true);
    expect(plain(state.tr.delete(2, 4))).toBe(true);
    expect(plain(state.tr.insertText("a b", 3))).toBe(false);
    expect(plain(state.tr.insertText(" ", 3))).toBe(false);
    expect(plain(state.tr.insertText("\u00a0", 3))).toBe(false);
    expect(plain(state.tr.insertText("a", 3).insertText("b", 3))).toBe(false);
    expect(plain(state.tr.delete(3, 10))).toBe(false);
    expect(plain(state.tr.split(3))).toBe(false);
    expect(isPlainTyping([state.tr.insertText("a", 3), state.tr.insertText("b", 3)])).toBe(false);
  });
});

describe("autolinking, skipped where links cannot be", () => {
  const codeDoc = { type: "doc", content: [{ type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "let a = 1;" }] }, { type: "paragraph", content: [{ type: "text", text: "see" }] }] };

  it("counts one step of text, whitespace included, inside a code block; not in a paragraph or across blocks", () => {
    const editor = editorWith(postExtensions);
    editor.commands.setContent(codeDoc);
    const { state } = editor;
    const link = state.schema.marks.link;
    const where = (tr: Transaction) => isTypingWhereLinksCannotBe([tr], link);
    expect(where(state.tr.insertText(" example.com ", 4))).toBe(true);
    expect(where(state.tr.delete(2, 6))).toBe(true);
    const paragraphText = state.doc.firstChild!.nodeSize + 2;
    expect(where(state.tr.insertText(" example.com ", paragraphText))).toBe(false);
    expect(where(state.tr.delete(4, paragraphText))).toBe(false);
    expect(where(state.tr.insertText("a", 4).insertText("b", 4))).toBe(false);
  });

  it("types addresses into a code block as the stock extension does: as plain code", () => {
    // happy-dom has no Option constructor; the code block's language picker uses it.
    vi.stubGlobal("Option", function option(text: string, value: string) {
      return Object.assign(document.createElement("option"), { text, value });
    });
    const gated = editorWith(withBlockViews(postExtensions));
    const stock = editorWith(postExtensions);
    for (const editor of [gated, stock]) {
      editor.commands.setContent(codeDoc);
      const { view } = editor;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, view.state.doc.firstChild!.nodeSize - 1)));
      for (const char of " // https://quire.test/a and example.com ") {
        const { from, to } = view.state.selection;
        const deflt = () => view.state.tr.insertText(char, from, to);
        if (!view.someProp("handleTextInput", (handle) => handle(view, from, to, char, deflt))) view.dispatch(deflt());
      }
    }
    expect(gated.getJSON()).toEqual(stock.getJSON());
    expect(gated.state.doc.firstChild!.textContent).toBe("let a = 1; // https://quire.test/a and example.com ");
  });
});

describe("text the browser typed", () => {
  it("is dispatched as ProseMirror's own transaction without a second scroll; other selections are left to ProseMirror", () => {
    const editor = editorWith(editorsUnderTest(), "ab");
    const { view } = editor;
    // Whether ProseMirror would scroll to the selection after each transaction, asked while it is applied.
    const plugin = nativeTypingKey.get(editor.state)!;
    const skipsScroll: boolean[] = [];
    editor.on("transaction", () => skipsScroll.push(Boolean(plugin.props.handleScrollToSelection?.call(plugin, view))));
    view.dispatch(view.state.tr.insertText("!", 2).scrollIntoView());
    type(editor, "c");
    expect(editor.state.doc.firstChild!.textContent).toBe("a!bc");
    expect(skipsScroll).toEqual([false, false, true]);
    expect(plugin.props.handleScrollToSelection?.call(plugin, view)).toBe(false);
    editor.commands.setContent({ type: "doc", content: [{ type: "horizontalRule" }, { type: "paragraph" }] });
    view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, 0)));
    const handled = view.someProp("handleTextInput", (handle) => handle(view, 0, 1, "x", () => view.state.tr.insertText("x")));
    expect(handled).toBeFalsy();
  });
});

describe("opening the editor", () => {
  const doc = (...blocks: object[]) => ({ type: "doc", content: blocks });
  const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
  function opened(content: object) {
    const editor = new Editor({
      element: document.body.appendChild(document.createElement("div")),
      extensions: editorsUnderTest(),
      content,
      onBeforeCreate: ({ editor: created }) => skipNeedlessFirstRedraw(created, REACT_NODE_VIEW_TYPES),
    });
    editors.push(editor);
    return editor;
  }

  it("keeps the blocks drawn at creation when no node is drawn by React, and redraws on later requests", () => {
    // happy-dom has no Option constructor; the code block's language picker uses it.
    vi.stubGlobal("Option", function option(text: string, value: string) {
      return Object.assign(document.createElement("option"), { text, value });
    });
    const editor = opened(doc(paragraph("one"), { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "let a = 1;" }] }));
    const drawn = [...editor.view.dom.children];
    editor.createNodeViews();
    drawn.forEach((block, index) => expect(editor.view.dom.children[index]).toBe(block));
    expect(editor.view.dom.querySelector(".code-block-editor")).not.toBeNull();
    editor.createNodeViews();
    expect(editor.view.dom.children[0]).not.toBe(drawn[0]);
  });

  it("redraws at once when the document holds a node drawn by React (a formula inside a paragraph)", () => {
    const editor = opened(doc(paragraph("one"), { type: "paragraph", content: [{ type: "text", text: "x " }, { type: "mathInline", attrs: { latex: "a^2" } }] }));
    expect(containsNodeOfType(editor.state.doc, REACT_NODE_VIEW_TYPES)).toBe(true);
    const drawn = [...editor.view.dom.children];
    editor.createNodeViews();
    expect(editor.view.dom.children[0]).not.toBe(drawn[0]);
  });
});
