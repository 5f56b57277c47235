// @vitest-environment happy-dom
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TYPING_PAUSE_MS, codeHighlightKey, codeHighlightPlugin } from "@/components/editor/code-highlight";
import { postSchema } from "@/lib/editor/doc";

const { nodes } = postSchema;
const code = (language: string | null, text: string) => nodes.codeBlock!.create({ language }, postSchema.text(text));
const paragraph = (text: string) => nodes.paragraph!.create(null, postSchema.text(text));

function stateWith(...blocks: ReturnType<typeof paragraph>[]) {
  return EditorState.create({ doc: nodes.doc!.create(null, blocks), plugins: [codeHighlightPlugin()] });
}

const pending = (state: EditorState) => codeHighlightKey.getState(state)!.pending;
/** The highlighted tokens of the block at `pos`, as [text, class]. */
const tokens = (state: EditorState, pos: number) =>
  codeHighlightKey
    .getState(state)!
    .decorations.find(pos, pos + state.doc.nodeAt(pos)!.nodeSize)
    .map((decoration) => [state.doc.textBetween(decoration.from, decoration.to), (decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);

const views: EditorView[] = [];
afterEach(() => {
  views.splice(0).forEach((view) => view.destroy());
  vi.useRealTimers();
});

/** An editor view on the blocks, once its plugin view has highlighted every one of them. */
async function highlightedView(...blocks: ReturnType<typeof paragraph>[]) {
  const view = new EditorView(document.body.appendChild(document.createElement("div")), { state: stateWith(...blocks) });
  views.push(view);
  await expect.poll(() => pending(view.state), { timeout: 10_000 }).toEqual([]);
  return view;
}

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

  it("leaves an edited block pending with its tokens mapped, and highlights it again when idle", async () => {
    const view = await highlightedView(paragraph("intro"), code("typescript", "let x = 1;"));
    const block = 7;
    expect(tokens(view.state, block)).toEqual([["let", "hljs-keyword"], ["1", "hljs-number"]]);

    // A keystroke at the end of a token: the token's decoration covers it until the block is highlighted again.
    view.dispatch(view.state.tr.insertText("2", block + 1 + "let x = 1".length));
    expect(pending(view.state)).toEqual([block]);
    expect(tokens(view.state, block)).toEqual([["let", "hljs-keyword"], ["12", "hljs-number"]]);

    // New tokens wait for the plugin view, not for the keystroke.
    view.dispatch(view.state.tr.insertText(" const", view.state.doc.nodeAt(block)!.nodeSize + block - 1));
    expect(tokens(view.state, block)).toEqual([["let", "hljs-keyword"], ["12", "hljs-number"]]);
    await expect.poll(() => pending(view.state)).toEqual([]);
    expect(tokens(view.state, block)).toEqual([["let", "hljs-keyword"], ["12", "hljs-number"], ["const", "hljs-keyword"]]);
    expect(view.state.doc.nodeAt(block)!.textContent).toBe("let x = 12; const");
  });

  it("highlights a block again in its new language, and drops the tokens of a block left without one", async () => {
    const view = await highlightedView(code("typescript", "def f(): return None"));
    expect(tokens(view.state, 0)).toContainEqual(["return", "hljs-keyword"]);
    expect(tokens(view.state, 0)).not.toContainEqual(["def", "hljs-keyword"]);

    view.dispatch(view.state.tr.setNodeMarkup(0, undefined, { language: "python" }));
    expect(pending(view.state)).toEqual([0]);
    await expect.poll(() => tokens(view.state, 0), { timeout: 10_000 }).toContainEqual(["def", "hljs-keyword"]);

    view.dispatch(view.state.tr.setNodeMarkup(0, undefined, { language: null }));
    expect(pending(view.state)).toEqual([]);
    expect(tokens(view.state, 0)).toEqual([]);
  });

  it("highlights a code block pasted into the post", async () => {
    const view = await highlightedView(paragraph("intro"));
    view.dispatch(view.state.tr.insert(view.state.doc.content.size, code("typescript", "return true;")));
    expect(pending(view.state)).toEqual([7]);
    await expect.poll(() => pending(view.state)).toEqual([]);
    expect(tokens(view.state, 7)).toEqual([["return", "hljs-keyword"], ["true", "hljs-literal"]]);
  });

  it("waits for typing to pause: no highlighting between keystrokes, the block's new tokens once it pauses", async () => {
    const view = await highlightedView(paragraph("intro"), code("typescript", "let x = 1;"));
    const block = 7;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "requestIdleCallback", "cancelIdleCallback", "requestAnimationFrame", "cancelAnimationFrame", "performance"] });
    const highlights: number[] = [];
    const dispatch = view.dispatch.bind(view);
    view.dispatch = (tr) => {
      if (tr.getMeta(codeHighlightKey)) highlights.push(tr.time);
      dispatch(tr);
    };
    // A key every 60 ms, as a writer types: each gap is longer than the browser takes to be idle.
    for (const char of " const") {
      view.dispatch(view.state.tr.insertText(char, view.state.doc.nodeAt(block)!.nodeSize + block - 1));
      await vi.advanceTimersByTimeAsync(60);
    }
    expect(highlights).toEqual([]);
    expect(pending(view.state)).toEqual([block]);

    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS + 100);
    expect(highlights).toHaveLength(1);
    expect(pending(view.state)).toEqual([]);
    expect(tokens(view.state, block)).toEqual([["let", "hljs-keyword"], ["1", "hljs-number"], ["const", "hljs-keyword"]]);
  });
});
