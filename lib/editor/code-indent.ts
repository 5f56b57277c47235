/**
 * Indentation inside a code block, as plain-text edits on the block's text (offsets count characters
 * from the start of the block). Pure, so the editor's key handlers stay thin and this is unit-tested.
 */

/** One indentation step; tabs already in a line are kept and removed like a step. */
export const INDENT_UNIT = "  ";

/** An edit at `at`: remove `remove` characters, then insert `insert`. */
export interface CodeEdit {
  at: number;
  remove: number;
  insert: string;
}

/** Start offsets of the lines that [from, to] touches (a selection ending at a line's start leaves that line out). */
function lineStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let start = text.lastIndexOf("\n", from - 1) + 1;
  const end = to > from && text[to - 1] === "\n" ? to - 1 : to;
  for (;;) {
    starts.push(start);
    const next = text.indexOf("\n", start);
    if (next === -1 || next >= end) break;
    start = next + 1;
  }
  return starts;
}

/**
 * Tab: with no selection, spaces up to the next indentation stop at the cursor; with a selection, one
 * step more at the start of every line it touches. Edits come last-first, so applying them in order
 * never shifts the ones still to apply.
 */
export function indentEdits(text: string, from: number, to: number): CodeEdit[] {
  if (from === to) {
    const column = from - (text.lastIndexOf("\n", from - 1) + 1);
    return [{ at: from, remove: 0, insert: " ".repeat(INDENT_UNIT.length - (column % INDENT_UNIT.length)) }];
  }
  return lineStarts(text, from, to)
    .reverse()
    .map((at) => ({ at, remove: 0, insert: INDENT_UNIT }));
}

/** Shift+Tab: one step less (a tab, or up to one step of spaces) at the start of every line touched. */
export function outdentEdits(text: string, from: number, to: number): CodeEdit[] {
  return lineStarts(text, from, to)
    .reverse()
    .flatMap((at) => {
      if (text[at] === "\t") return [{ at, remove: 1, insert: "" }];
      let spaces = 0;
      while (spaces < INDENT_UNIT.length && text[at + spaces] === " ") spaces += 1;
      return spaces > 0 ? [{ at, remove: spaces, insert: "" }] : [];
    });
}

export type EnterAction =
  /** Leave the code block after deleting [from, to) (the blank lines that asked for it). */
  | { kind: "exit"; from: number; to: number }
  /** Insert a line break that keeps the current line's indentation. */
  | { kind: "newline"; insert: string };

/**
 * Enter at `pos` (no selection): a new line indented like the current one; at the very end, after two
 * blank lines, leave the block instead (three Enters at the end leave a code block, as before).
 */
export function enterAction(text: string, pos: number): EnterAction {
  if (pos === text.length) {
    const blankTail = /\n[ \t]*\n[ \t]*$/.exec(text);
    if (blankTail) return { kind: "exit", from: blankTail.index, to: text.length };
  }
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, pos))?.[0] ?? "";
  return { kind: "newline", insert: `\n${indent}` };
}
