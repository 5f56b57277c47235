"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { NodeSelection } from "@tiptap/pm/state";
import { useId } from "react";
import { IMAGE_CAPTION_MAX, IMAGE_LAYOUTS, imageLayout, type ImageLayout } from "@/lib/editor/image-attrs";

const layoutLabels: Record<ImageLayout, string> = { column: "Column", wide: "Wide", full: "Full width" };
const inputClass = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Fields for the selected image: alt text, caption and width. A row under the toolbar rather than a
 * node view, so the image stays a plain <img> in the text (pasting, dragging and the upload
 * placeholders work on it unchanged). Appears when an image is selected (click it).
 */
export function ImageTools({ editor }: { editor: Editor }) {
  const id = useId();
  const image = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const { selection } = e.state;
      if (!(selection instanceof NodeSelection) || selection.node.type.name !== "image") return null;
      const { alt, caption, layout } = selection.node.attrs;
      return { pos: selection.from, alt: typeof alt === "string" ? alt : "", caption: typeof caption === "string" ? caption : "", layout: imageLayout(layout) };
    },
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  if (!image) return null;
  const update = (attrs: Record<string, unknown>) => {
    const node = editor.state.doc.nodeAt(image.pos);
    if (!node || node.type.name !== "image") return;
    const tr = editor.state.tr.setNodeMarkup(image.pos, undefined, { ...node.attrs, ...attrs });
    tr.setSelection(NodeSelection.create(tr.doc, image.pos));
    editor.view.dispatch(tr);
  };
  return (
    <div role="group" aria-label="Image" className="grid gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 sm:grid-cols-[1fr_1fr_auto] dark:border-zinc-800 dark:bg-zinc-900/60">
      <div>
        <label htmlFor={`${id}-alt`} className="block text-xs font-medium">
          Alt text
        </label>
        <input id={`${id}-alt`} value={image.alt} onChange={(event) => update({ alt: event.target.value })} placeholder="Describe the image for people who cannot see it" className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-caption`} className="block text-xs font-medium">
          Caption
        </label>
        <input id={`${id}-caption`} value={image.caption} maxLength={IMAGE_CAPTION_MAX} onChange={(event) => update({ caption: event.target.value || undefined })} className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-layout`} className="block text-xs font-medium">
          Width
        </label>
        <select id={`${id}-layout`} value={image.layout} onChange={(event) => update({ layout: event.target.value === "column" ? undefined : event.target.value })} className={inputClass}>
          {IMAGE_LAYOUTS.map((layout) => (
            <option key={layout} value={layout}>
              {layoutLabels[layout]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
