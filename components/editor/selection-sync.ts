import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** prosemirror-view's DOM observer; not in its typings, so reached only through this guard. */
interface DomObserver {
  flush: () => void;
}

function domObserverOf(view: EditorView): DomObserver | null {
  const observer = (view as unknown as { domObserver?: Partial<DomObserver> }).domObserver;
  return observer && typeof observer.flush === "function" ? (observer as DomObserver) : null;
}

/**
 * Makes every key act where the caret is. ProseMirror learns of a caret the browser moved (End, Home,
 * Ctrl+Home, arrows it leaves to the browser) from the `selectionchange` event, which the browser fires
 * later, as a task; a key pressed before that task runs was handled at the old position. On a busy page
 * this lost End before Enter: Ctrl+Home, End, Enter split the first paragraph at its start instead of
 * its end, the next block command turned that paragraph into a heading or code block, and its formulas
 * and footnote reference were dropped (issue 10). Before each key, ProseMirror's own observer reads the
 * DOM selection now, as it already does for pending DOM changes.
 */
export const SelectionSync = Extension.create({
  name: "selectionSync",
  // Before every keymap: the DOM event handlers run ahead of ProseMirror's key handling.
  priority: 10000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("selectionSync"),
        props: {
          handleDOMEvents: {
            keydown: (view, event) => {
              if (event.isComposing || event.keyCode === 229 || view.composing) return false;
              domObserverOf(view)?.flush();
              return false;
            },
          },
        },
      }),
    ];
  },
});
