import type { ResolvedPos } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";

/** A keystroke's worth of text editing: one step that inserts plain text (or nothing) into one textblock, or deletes inside one. */
export interface TextEdit {
  /** Where the edit starts, in the document before it. */
  $from: ResolvedPos;
  /** Length of what it replaced, inside $from.parent. */
  replaced: number;
  /** The text it inserted. */
  text: string;
}

/** The transactions as such a text edit, or null for any other change. Editor plugins use it to skip work a keystroke cannot need. */
export function singleTextEdit(transactions: readonly Transaction[]): TextEdit | null {
  if (transactions.length !== 1) return null;
  const [tr] = transactions;
  if (!tr || tr.steps.length !== 1) return null;
  const step = tr.steps[0];
  const before = tr.docs[0];
  if (!(step instanceof ReplaceStep) || !before) return null;
  const { slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0) return null;
  let text = "";
  for (let index = 0; index < slice.content.childCount; index += 1) {
    const child = slice.content.child(index);
    if (!child.isText) return null;
    text += child.text ?? "";
  }
  const $from = before.resolve(step.from);
  return $from.parent.isTextblock && $from.sameParent(before.resolve(step.to)) ? { $from, replaced: step.to - step.from, text } : null;
}
