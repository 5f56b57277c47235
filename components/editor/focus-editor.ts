import type { Editor } from "@tiptap/core";

/**
 * Puts focus back in the editor at once, with the caret where the editor's selection is. Tiptap's
 * focus command waits for the next animation frame; when a form of ours (link, embed, formula source)
 * closes, that frame is time enough for the next keys to land on the page instead of in the text, and
 * for the late focus to pull the caret out of a field opened meanwhile (Ctrl+K right after a link was
 * applied, so Escape then went to the text and the link form stayed open). For user actions only,
 * when the editor is mounted.
 */
export function focusEditorNow(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.focus();
}
