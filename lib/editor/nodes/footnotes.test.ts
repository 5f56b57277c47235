// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { afterEach, describe, expect, it } from "vitest";
import { postExtensions } from "@/lib/editor/extensions";
import { syncFootnotes } from "@/lib/editor/nodes/footnotes";

type Json = Record<string, unknown>;

const text = (value: string): Json => ({ type: "text", text: value });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", ...(content.length ? { content } : {}) });
const ref = (id: string): Json => ({ type: "footnoteReference", attrs: { id } });
const note = (id: string, value: string): Json => ({ type: "footnote", attrs: { id }, content: [paragraph(text(value))] });
const notes = (...items: Json[]): Json => ({ type: "footnotes", content: items });

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

function editorWith(...content: Json[]) {
  const editor = new Editor({ extensions: postExtensions, content: { type: "doc", content } });
  editors.push(editor);
  return editor;
}

/** Where `needle` starts in the document's text, as a position. */
function positionOf(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(needle)) found = pos + node.text!.indexOf(needle);
    return found < 0;
  });
  if (found < 0) throw new Error(`"${needle}" is not in the document`);
  return found;
}

const type = (editor: Editor, at: number, value: string) => editor.view.dispatch(editor.state.tr.insertText(value, at));
const inStep = (editor: Editor) => !syncFootnotes(editor.state.doc, editor.schema.nodes, editor.state.tr).docChanged;

describe("the editor's footnote sync while typing", () => {
  it("keeps the list in step through typing before it, in a note, after it and over a reference", () => {
    const editor = editorWith(paragraph(text("Claim"), ref("a"), text(" and more")), notes(note("a", "Source.")), paragraph());
    // The first keystroke syncs the whole document; later plain keystrokes rely on that.
    type(editor, positionOf(editor.state.doc, "Claim") + 5, "s");
    expect(inStep(editor)).toBe(true);
    type(editor, positionOf(editor.state.doc, "Source.") + 6, " p. 4");
    expect(editor.getJSON().content?.[1]).toEqual(notes(note("a", "Source p. 4.")));
    expect(inStep(editor)).toBe(true);

    // The empty paragraph after the list stops being a trailing one: the list moves below it (and the
    // editor's trailing line follows it).
    const trailing = editor.state.doc.content.size - 1;
    type(editor, trailing, "Later");
    expect(editor.getJSON().content?.map((block) => block.type)).toEqual(["paragraph", "paragraph", "footnotes", "paragraph"]);
    expect(inStep(editor)).toBe(true);

    // Deleting a reference with the text around it, in one step inside its paragraph, removes its note.
    const start = positionOf(editor.state.doc, "Claims");
    editor.view.dispatch(editor.state.tr.delete(start + 6, positionOf(editor.state.doc, " and more") + 4));
    expect(editor.getJSON().content).toEqual([paragraph(text("Claims more")), paragraph(text("Later")), paragraph()]);
    expect(inStep(editor)).toBe(true);
  });

  it("adds a note for a reference pasted into a document typed in since it was in step", () => {
    const editor = editorWith(paragraph(text("Claim")), paragraph(text("Second")));
    type(editor, positionOf(editor.state.doc, "Claim") + 5, "s");
    type(editor, positionOf(editor.state.doc, "Second"), "A ");
    editor.view.dispatch(editor.state.tr.insert(positionOf(editor.state.doc, "Second") + 6, editor.schema.nodeFromJSON(ref("b"))));
    expect(editor.getJSON().content?.find((block) => block.type === "footnotes")).toEqual(notes({ type: "footnote", attrs: { id: "b" }, content: [paragraph()] }));
    expect(inStep(editor)).toBe(true);
  });
});
