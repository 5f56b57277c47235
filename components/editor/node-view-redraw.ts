import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";

/** Whether any node of the given types is in the document (stops at the first). */
export function containsNodeOfType(doc: PMNode, typeNames: ReadonlySet<string>): boolean {
  let found = false;
  doc.descendants((node) => {
    if (!found && typeNames.has(node.type.name)) found = true;
    return !found;
  });
  return found;
}

/**
 * Tiptap creates the view with its node views, then <EditorContent> asks for them all over again once
 * it has mounted (createNodeViews), because React node views drawn before that had nowhere to render.
 * New node view functions make ProseMirror throw away and redraw the whole document: on a long post a
 * second full rendering of every block while the editor opens. When the document holds none of the
 * nodes drawn by React (`reactTypes`), the views drawn at creation are already the final ones, and the
 * first request is skipped; later ones (and any React node inserted afterwards, which renders through
 * the mounted <EditorContent>) behave as before. Call from `onBeforeCreate`.
 */
export function skipNeedlessFirstRedraw(editor: Editor, reactTypes: ReadonlySet<string>) {
  const recreate = editor.createNodeViews.bind(editor);
  let first = true;
  editor.createNodeViews = () => {
    const skip = first && !containsNodeOfType(editor.state.doc, reactTypes);
    first = false;
    if (!skip) recreate();
  };
}
