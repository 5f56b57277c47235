import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";

export const nativeTypingKey = new PluginKey("nativeTyping");

/**
 * Text the browser typed into the page itself is already in view: Chromium, Firefox and Safari scroll
 * the caret into view as they insert it. ProseMirror then asks for the same scroll again, measuring
 * the caret and every scrolling ancestor (a forced layout and about a dozen rectangles per keystroke
 * on a long post). For the plain insertions ProseMirror reads back from the page, this dispatches its
 * own default transaction unchanged and skips only that second scroll.
 *
 * It must see text input last, after every other handler (input rules, task items) had its chance:
 * hence the lowest priority. With a node selection or one across blocks, ProseMirror inserts the text
 * itself (the browser typed nothing) and this stays out of the way.
 */
export const NativeTyping = Extension.create({
  name: "nativeTyping",
  priority: 1,

  addProseMirrorPlugins() {
    let browserTyped = false;
    return [
      new Plugin({
        key: nativeTypingKey,
        props: {
          handleTextInput: (view, _from, _to, _text, deflt) => {
            const { selection } = view.state;
            if (!deflt || !(selection instanceof TextSelection) || !selection.$from.sameParent(selection.$to)) return false;
            browserTyped = true;
            try {
              view.dispatch(deflt());
            } finally {
              browserTyped = false;
            }
            return true;
          },
          handleScrollToSelection: () => browserTyped,
        },
      }),
    ];
  },
});
