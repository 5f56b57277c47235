import type { AnyExtension, Extension, Mark } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";

/** Every character Tiptap's autolink treats as whitespace (its UNICODE_WHITESPACE_PATTERN), and more. */
const WHITESPACE = /[\0- \u00a0\u1680\u180e\u2000-\u2029\u202f\u205f\u3000\ufeff\s]/;

/**
 * Whether the transactions are one keystroke's worth of plain typing: a single step that inserts text
 * without whitespace into one textblock, or deletes inside one. Tiptap's autolink can do nothing then:
 * it unlinks only whitespace just inserted, and links a word only once whitespace follows it in the
 * changed range (or when the change spans several textblocks).
 */
export function isPlainTyping(transactions: readonly Transaction[]): boolean {
  if (transactions.length !== 1) return false;
  const [tr] = transactions;
  if (!tr || tr.steps.length !== 1) return false;
  const step = tr.steps[0];
  const before: PMNode | undefined = tr.docs[0];
  if (!(step instanceof ReplaceStep) || !before) return false;
  const { slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
  for (let index = 0; index < slice.content.childCount; index += 1) {
    const child = slice.content.child(index);
    if (!child.isText || WHITESPACE.test(child.text ?? "")) return false;
  }
  const $from = before.resolve(step.from);
  return $from.parent.isTextblock && $from.sameParent(before.resolve(step.to));
}

/**
 * The Link mark with its autolink plugin skipped for plain typing (isPlainTyping), where it would only
 * combine the steps, diff the ranges and read the text back to find nothing to do, on every keystroke.
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
            return isPlainTyping(transactions) ? null : append.call(this, transactions, oldState, newState);
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
