import { describe, expect, it } from "vitest";
import { diffRevisionText, type DiffPart } from "@/lib/posts/revision-diff";

const text = (parts: DiffPart[], kind: "added" | "removed") => parts.filter((part) => part[kind]).map((part) => part.value).join("|");
const older = (text: string, title = "Title") => ({ title, customExcerpt: "", text });

describe("diffRevisionText", () => {
  it("reports no change for equal revisions", () => {
    const diff = diffRevisionText(older("One.\nTwo."), older("One.\nTwo."));
    expect(diff.changed).toBe(false);
    expect(diff.body.map((part) => part.value).join("")).toBe("One.\nTwo.\n");
  });

  it("narrows an edited line down to the words that changed", () => {
    const diff = diffRevisionText(older("Intro.\nThe quick brown fox.\nOutro."), older("Intro.\nThe quick red fox.\nOutro."));
    expect(diff.changed).toBe(true);
    expect(text(diff.body, "removed")).toBe("brown");
    expect(text(diff.body, "added")).toBe("red");
    // Unchanged lines are kept whole around the edit, in order.
    expect(diff.body.map((part) => part.value).join("")).toBe("Intro.\nThe quick brownred fox.\nOutro.\n");
  });

  it("shows added and removed blocks as whole lines", () => {
    const diff = diffRevisionText(older("Keep.\nGone."), older("Keep.\nNew one.\nAnd another."));
    expect(text(diff.body, "removed")).toContain("Gone");
    expect(text(diff.body, "added")).toContain("And another.");
  });

  it("compares title and excerpt by words", () => {
    const diff = diffRevisionText({ title: "Old title", customExcerpt: "Short", text: "" }, { title: "New title", customExcerpt: "Short", text: "" });
    expect(text(diff.title, "removed")).toBe("Old");
    expect(text(diff.title, "added")).toBe("New");
    expect(diff.customExcerpt.some((part) => part.added || part.removed)).toBe(false);
    expect(diff.changed).toBe(true);
  });
});
