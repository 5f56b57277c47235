import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { codeHighlightKey, codeHighlightPlugin } from "@/components/editor/code-highlight";
import { postSchema } from "@/lib/editor/doc";

const { nodes } = postSchema;
const code = (language: string | null, text: string) => nodes.codeBlock!.create({ language }, postSchema.text(text));
const paragraph = (text: string) => nodes.paragraph!.create(null, postSchema.text(text));

function stateWith(...blocks: ReturnType<typeof paragraph>[]) {
  return EditorState.create({ doc: nodes.doc!.create(null, blocks), plugins: [codeHighlightPlugin()] });
}

const pending = (state: EditorState) => codeHighlightKey.getState(state)!.pending;
const classesIn = (state: EditorState, from: number, to: number) =>
  codeHighlightKey.getState(state)!.decorations.find(from, to).map((decoration) => (decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class);

describe("code highlighting in the editor", () => {
  it("starts with every code block in a known language pending, and follows them through edits", () => {
    const state = stateWith(paragraph("intro"), code("ts", "const a = 1;"), paragraph("middle"), code(null, "plain"), code("python", "x = 1"));
    const starts: number[] = [];
    state.doc.forEach((node, pos) => {
      if (node.type.name === "codeBlock") starts.push(pos);
    });
    // The plain-text block has nothing to highlight.
    expect(pending(state)).toEqual([starts[0], starts[2]]);

    const typed = state.apply(state.tr.insertText("more ", 1));
    expect(pending(typed)).toEqual([starts[0]! + 5, starts[2]! + 5]);

    // Deleting a block drops it.
    const first = typed.doc.nodeAt(pending(typed)[0]!)!;
    const removed = typed.apply(typed.tr.delete(pending(typed)[0]!, pending(typed)[0]! + first.nodeSize));
    expect(pending(removed)).toHaveLength(1);
    expect(removed.doc.nodeAt(pending(removed)[0]!)?.attrs.language).toBe("python");
  });

  it("takes the highlighting of some blocks at a time and leaves the rest pending", () => {
    const state = stateWith(code("ts", "const a = 1;"), code("ts", "let b = 2;"));
    const [first, second] = pending(state);
    const next = state.apply(state.tr.setMeta(codeHighlightKey, { blocks: [{ pos: second!, decorations: [] }] }));
    expect(pending(next)).toEqual([first]);
  });

  it("highlights a block as it is edited once its grammar has loaded", async () => {
    let state = stateWith(paragraph("intro"), code("typescript", "let x = 1;"));
    const block = pending(state)[0]!;
    // The first edit finds the grammar missing and asks for it.
    state = state.apply(state.tr.insertText(" ", block + 1));
    expect(pending(state)).toEqual([block]);
    await expect.poll(async () => {
      state = state.apply(state.tr.insertText(" ", block + 1));
      return pending(state).length;
    }, { timeout: 10_000 }).toBe(0);
    expect(classesIn(state, block, block + state.doc.nodeAt(block)!.nodeSize)).toContain("hljs-keyword");
  });
});
