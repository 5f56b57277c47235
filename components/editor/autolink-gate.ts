import type { AnyExtension, Extension, Mark } from "@tiptap/core";
import type { MarkType } from "@tiptap/pm/model";
import { Plugin, type EditorState, type Transaction } from "@tiptap/pm/state";
import { singleTextEdit } from "@/lib/editor/text-edit";

/** Every character Tiptap's autolink treats as whitespace (its UNICODE_WHITESPACE_PATTERN), and more. */
const WHITESPACE = /[\0- \u00a0\u1680\u180e\u2000-\u2029\u202f\u205f\u3000\ufeff\s]/;

/**
 * Whether the transactions are one keystroke's worth of plain typing: a single step that inserts text
 * without whitespace into one textblock, or deletes inside one. Tiptap's autolink can do nothing then:
 * it unlinks only whitespace just inserted, and links a word only once whitespace follows it in the
 * changed range (or when the change spans several textblocks).
 */
export function isPlainTyping(transactions: readonly Transaction[]): boolean {
  const edit = singleTextEdit(transactions);
  return edit !== null && !WHITESPACE.test(edit.text);
}

/**
 * Whether the transactions are such a single text edit, whitespace included, inside a textblock that
 * cannot hold links (a code block). Autolink only adds and removes link marks, so it can do nothing
 * there either; typing code has a space every few keys.
 */
export function isTypingWhereLinksCannotBe(transactions: readonly Transaction[], link: MarkType | undefined): boolean {
  const edit = singleTextEdit(transactions);
  return edit !== null && link !== undefined && !edit.$from.parent.type.allowsMarkType(link);
}

/**
 * The Link mark with its autolink plugin skipped for plain typing (isPlainTyping) and for typing where
 * links cannot be (isTypingWhereLinksCannotBe), where it would only combine the steps, diff the ranges
 * and read the text back to find nothing to do.
 * Every other change still goes through it unchanged.
 */
function withGatedAutolink(link: Mark): Mark {
  return link.extend({
    addProseMirrorPlugins() {
      return (this.parent?.() ?? []).map((plugin) => {
        const append = plugin.spec.appendTransaction;
        if (!append) return plugin;
        return new Plugin({
          ...plugin.spec,
          appendTransaction(transactions: readonly Transaction[], oldState: EditorState, newState: EditorState) {
            if (isPlainTyping(transactions) || isTypingWhereLinksCannotBe(transactions, newState.schema.marks.link)) return null;
            return append.call(this, transactions, oldState, newState);
          },
        });
      });
    },
  });
}

/** StarterKit with its Link extension gated as above; the schema is unchanged (same extensions, same order). */
export function withCheapAutolink(starterKit: Extension): Extension {
  return starterKit.extend({
    addExtensions() {
      return (this.parent?.() ?? []).map((extension: AnyExtension) => (extension.name === "link" ? withGatedAutolink(extension as Mark) : extension));
    },
  });
}
