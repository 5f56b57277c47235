import { mergeAttributes, Node } from "@tiptap/core";

/** Fewest and most images in a gallery. */
export const GALLERY_MIN = 2;
export const GALLERY_MAX = 9;

/** A grid of 2 to 9 images, each with its own alt text; the schema enforces the count. */
export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  content: `image{${GALLERY_MIN},${GALLERY_MAX}}`,
  isolating: true,
  draggable: true,

  parseHTML: () => [{ tag: "div[data-gallery]" }],

  renderHTML: ({ HTMLAttributes }) => ["div", mergeAttributes(HTMLAttributes, { "data-gallery": "", class: "gallery" }), 0],
});
