// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { postExtensions } from "@/lib/editor/extensions";

describe("insertFootnote", () => {
  it("puts a reference at the cursor, a note in the list at the end, and the cursor in the note", () => {
    const editor = new Editor({ extensions: postExtensions, content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Claim " }] }] } });
    editor.commands.setTextSelection(7);
    editor.chain().focus().insertFootnote().run();
    editor.commands.insertContent("The source.");
    const json = JSON.parse(JSON.stringify(editor.getJSON())) as { content: { content?: { attrs?: { id?: string } }[] }[] };
    const id = json.content[0]?.content?.[1]?.attrs?.id;
    expect(id).toMatch(/^fn\w+$/);
    expect(json.content[0]?.content?.[1]).toEqual({ type: "footnoteReference", attrs: { id } });
    expect(json.content[1]).toEqual({ type: "footnotes", content: [{ type: "footnote", attrs: { id }, content: [{ type: "paragraph", content: [{ type: "text", text: "The source." }] }] }] });
    editor.destroy();
  });
});
