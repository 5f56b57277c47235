import { mergeAttributes, Node } from "@tiptap/core";

/** The kinds of callout a post may have; the first is the default. */
export const CALLOUT_KINDS = ["note", "tip", "warning"] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export const CALLOUT_LABELS: Record<CalloutKind, string> = { note: "Note", tip: "Tip", warning: "Warning" };

/** A stored or pasted kind name as one of ours, or null. GitHub's and admonition names map to the nearest. */
export function toCalloutKind(value: unknown): CalloutKind | null {
  if (typeof value !== "string") return null;
  const name = value.trim().toLowerCase();
  if ((CALLOUT_KINDS as readonly string[]).includes(name)) return name as CalloutKind;
  if (name === "info" || name === "important" || name === "abstract" || name === "summary") return "note";
  if (name === "hint" || name === "success" || name === "example") return "tip";
  if (name === "caution" || name === "danger" || name === "attention" || name === "error" || name === "bug") return "warning";
  return null;
}

/** Reads a kind from the common HTML shapes: data-callout, GitHub's markdown-alert-*, admonition classes. */
function kindFromElement(element: HTMLElement): CalloutKind {
  const direct = toCalloutKind(element.getAttribute("data-callout"));
  if (direct) return direct;
  for (const name of Array.from(element.classList)) {
    const kind = toCalloutKind(name.replace(/^(markdown-alert-|callout-|admonition-|alert-)/, ""));
    if (kind) return kind;
  }
  return "note";
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selected blocks in a callout of this kind. */
      setCallout: (kind?: CalloutKind) => ReturnType;
      /** Lifts the selection out of its callout. */
      unsetCallout: () => ReturnType;
    };
  }
}

/**
 * A note, tip or warning set apart from the text. Its label comes from the kind (CSS in the editor,
 * real text for readers and feeds), so the writer only chooses the kind.
 */
export const Callout = Node.create({
  name: "callout",
  group: "block",
  content: "block+",
  defining: true,

  addAttributes() {
    return {
      kind: {
        default: "note",
        parseHTML: (element) => kindFromElement(element),
        renderHTML: (attributes) => ({ "data-callout": toCalloutKind(attributes.kind) ?? "note" }),
      },
    };
  },

  parseHTML() {
    return [
      { tag: "div[data-callout]" },
      { tag: "aside[data-callout]" },
      { tag: "div.markdown-alert" },
      { tag: "div.admonition" },
      { tag: "div.callout" },
      { tag: "aside.callout" },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { class: "callout", role: "note" }), 0];
  },

  addCommands() {
    return {
      setCallout:
        (kind = "note") =>
        ({ commands }) =>
          commands.wrapIn(this.name, { kind }),
      unsetCallout:
        () =>
        ({ commands }) =>
          commands.lift(this.name),
    };
  },
});
