import { describe, expect, it } from "vitest";
import { enterAction, indentEdits, outdentEdits, type CodeEdit } from "./code-indent";

const apply = (text: string, edits: CodeEdit[]) =>
  edits.reduce((out, edit) => out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove), text);

describe("indentEdits", () => {
  it("inserts spaces up to the next stop at the cursor", () => {
    expect(apply("ab", indentEdits("ab", 0, 0))).toBe("  ab");
    expect(apply("abc", indentEdits("abc", 1, 1))).toBe("a bc");
    expect(apply("x\nabc", indentEdits("x\nabc", 4, 4))).toBe("x\nab  c");
  });

  it("indents every line a selection touches, from the line starts", () => {
    const text = "if (a) {\nb();\nc();\n}";
    expect(apply(text, indentEdits(text, 10, 15))).toBe("if (a) {\n  b();\n  c();\n}");
  });

  it("leaves out the line a selection only reaches the start of", () => {
    const text = "one\ntwo\nthree";
    expect(apply(text, indentEdits(text, 0, 4))).toBe("  one\ntwo\nthree");
  });

  it("gives edits last-first so they apply in order", () => {
    const edits = indentEdits("a\nb\nc", 0, 5);
    expect(edits.map((edit) => edit.at)).toEqual([4, 2, 0]);
  });
});

describe("outdentEdits", () => {
  it("removes one step of spaces, or a tab, from each line touched", () => {
    const text = "    a\n\tb\n c\nd";
    expect(apply(text, outdentEdits(text, 0, text.length))).toBe("  a\nb\nc\nd");
  });

  it("works on the cursor's line when nothing is selected", () => {
    const text = "x\n    y";
    expect(apply(text, outdentEdits(text, 7, 7))).toBe("x\n  y");
  });

  it("does nothing on a line without indentation", () => {
    expect(outdentEdits("abc", 1, 1)).toEqual([]);
  });
});

describe("enterAction", () => {
  it("keeps the current line's indentation", () => {
    expect(enterAction("  if (a) {", 10)).toEqual({ kind: "newline", insert: "\n  " });
    expect(enterAction("x\n\tfoo", 6)).toEqual({ kind: "newline", insert: "\n\t" });
  });

  it("takes only the indentation before the cursor", () => {
    expect(enterAction("    foo", 2)).toEqual({ kind: "newline", insert: "\n  " });
  });

  it("leaves the block after two blank lines at its end, deleting them", () => {
    const text = "  foo\n  \n  ";
    expect(enterAction(text, text.length)).toEqual({ kind: "exit", from: 5, to: text.length });
    expect(enterAction("foo\n\n", 5)).toEqual({ kind: "exit", from: 3, to: 5 });
  });

  it("does not leave the block for blank lines in the middle", () => {
    expect(enterAction("a\n\n\nb", 3).kind).toBe("newline");
  });
});
