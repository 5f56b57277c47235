import { InputRule } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { TextSelection } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { Callout } from "@/lib/editor/callout";
import { Details, DetailsContent, DetailsSummary } from "@/lib/editor/details";
import { PostCodeBlock } from "@/lib/editor/nodes/code-block";
import { Embed } from "@/lib/editor/nodes/embed";
import { Footnote, FootnoteReference, Footnotes } from "@/lib/editor/nodes/footnotes";
import { Gallery } from "@/lib/editor/nodes/gallery";
import { MathBlock, MathInline } from "@/lib/editor/nodes/math";
import { PostTaskItem, PostTaskList } from "@/lib/editor/nodes/task-list";
import { imageCaption, imageLayout } from "@/lib/editor/image-attrs";
import { safeHref, safeImageSrc } from "@/lib/editor/safe-href";

/** `![alt](src "title")` typed as the whole of a paragraph. */
export const markdownImageInput = /^!\[([^\]]*)]\((\S+?)(?:\s+["']([^"']*)["'])?\)$/;

/**
 * Markdown image syntax becomes an image in place of its paragraph. The stock rule splits the
 * paragraph around a block image and types the closing ")" a second time: an empty paragraph above,
 * a stray ")" below.
 */
const PostImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      // Shown under the image as its <figcaption>.
      caption: {
        // undefined, not null: stored documents carry the attribute only when it is set.
        default: undefined,
        parseHTML: (element) => imageCaption(element.getAttribute("data-caption")),
        renderHTML: (attributes) => (imageCaption(attributes.caption) ? { "data-caption": imageCaption(attributes.caption) } : {}),
      },
      // How wide the image may grow: the text column, wider than it, or the whole window.
      layout: {
        // undefined, not null: stored documents carry the attribute only when it is set.
        default: undefined,
        parseHTML: (element) => imageLayout(element.getAttribute("data-layout")),
        renderHTML: (attributes) => (imageLayout(attributes.layout) !== "column" ? { "data-layout": imageLayout(attributes.layout) } : {}),
      },
    };
  },

  addInputRules() {
    return [
      new InputRule({
        find: markdownImageInput,
        handler: ({ state, range, match }) => {
          const { tr } = state;
          const $start = tr.doc.resolve(range.from);
          const paragraph = $start.parent;
          const src = safeImageSrc(match[2]);
          if (!src || paragraph.type.name !== "paragraph" || range.from !== $start.start() || range.to !== $start.end()) return null;
          const container = $start.node(-1);
          const index = $start.index(-1);
          if (!container.canReplaceWith(index, index + 1, this.type)) return null;
          const image = this.type.create({ src, alt: match[1]?.trim() || null, title: match[3] || null });
          const before = $start.before();
          const isLast = index === container.childCount - 1;
          // The writer carries on typing below the image, in the next block or a new paragraph.
          tr.replaceWith(before, $start.after(), isLast ? [image, state.schema.nodes.paragraph!.create()] : image);
          tr.setSelection(TextSelection.near(tr.doc.resolve(before + image.nodeSize)));
        },
      }),
    ];
  },
});

/**
 * The one definition of the post document schema, shared by the editor, write-time validation and
 * every renderer so they cannot drift. Isomorphic: no React node views here.
 */
export const postExtensions = [
  StarterKit.configure({
    codeBlock: false,
    heading: { levels: [2, 3, 4] }, // h1 is the post title
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      protocols: ["http", "https", "mailto"],
      isAllowedUri: (url) => safeHref(url) !== null,
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  PostTaskList,
  PostTaskItem,
  PostCodeBlock,
  PostImage.configure({ inline: false, allowBase64: false }),
  Gallery,
  // Not resizable: readers' tables size to their content and scroll sideways on narrow screens.
  TableKit.configure({ table: { resizable: false, allowTableNodeSelection: true } }),
  Details,
  DetailsSummary,
  DetailsContent,
  Callout,
  MathInline,
  MathBlock,
  FootnoteReference,
  Footnotes,
  Footnote,
  Embed,
];
