import CodeBlock from "@tiptap/extension-code-block";
import { codeFilename } from "@/lib/editor/code-languages";

/** A code block with its language and an optional filename or caption shown above it. */
export const PostCodeBlock = CodeBlock.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      filename: {
        // undefined, not null: stored documents carry the attribute only when it is set.
        default: undefined,
        parseHTML: (element) => codeFilename(element.getAttribute("data-filename")),
        renderHTML: (attributes) => (codeFilename(attributes.filename) ? { "data-filename": codeFilename(attributes.filename) } : {}),
      },
    };
  },
});
