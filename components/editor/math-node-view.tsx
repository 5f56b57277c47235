"use client";

import { TextSelection } from "@tiptap/pm/state";
import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useEffect, useId, useRef, useState } from "react";
import type { MathRender } from "@/lib/editor/math";
import { LATEX_MAX } from "@/lib/editor/nodes/math";
import { focusEditorNow } from "@/components/editor/focus-editor";
import "katex/dist/katex.min.css";

type Renderer = typeof import("@/lib/editor/math").renderMath;

// KaTeX (~270 KB) loads the first time a formula is shown, not with the editor.
let renderer: Promise<Renderer> | null = null;
const loadRenderer = () => (renderer ??= import("@/lib/editor/math").then((module) => module.renderMath));

function useRendered(latex: string, display: boolean): MathRender | null {
  const [result, setResult] = useState<{ key: string; value: MathRender } | null>(null);
  const key = `${display ? "d" : "i"}:${latex}`;
  useEffect(() => {
    let live = true;
    void loadRenderer().then((render) => {
      if (live) setResult({ key, value: render(latex, { display }) });
    });
    return () => {
      live = false;
    };
  }, [key, latex, display]);
  return result?.key === key ? result.value : null;
}

/**
 * A formula in the editor: KaTeX's rendering, or an error box with KaTeX's message; selecting it (click,
 * or arrow keys onto it) opens a field with its LaTeX source. Enter or Escape returns to the text.
 */
export function MathNodeView({ node, updateAttributes, selected, editor, getPos }: ReactNodeViewProps) {
  const display = node.type.name === "mathBlock";
  const latex = typeof node.attrs.latex === "string" ? node.attrs.latex : "";
  const rendered = useRendered(latex, display);
  const id = useId();
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  // A new, empty formula asks for its source at once.
  const [fresh, setFresh] = useState(latex === "");
  const editing = editor.isEditable && (selected || fresh);
  useEffect(() => {
    if (fresh) field.current?.focus();
  }, [fresh]);

  const leave = () => {
    setFresh(false);
    const pos = typeof getPos === "function" ? getPos() : undefined;
    if (typeof pos !== "number") return;
    editor
      .chain()
      .command(({ tr }) => {
        tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos + node.nodeSize, tr.doc.content.size))));
        return true;
      })
      .run();
    focusEditorNow(editor);
  };
  const preview = !rendered ? (
    <span className="text-zinc-500">{latex || "Formula"}</span>
  ) : rendered.ok ? (
    <span className={display ? "block" : undefined} dangerouslySetInnerHTML={{ __html: rendered.html }} />
  ) : (
    <span className="math-error" role="alert">
      {latex ? `Cannot render: ${rendered.error}` : "Empty formula: type LaTeX"}
    </span>
  );
  const Tag = display ? "div" : "span";
  const fieldProps = {
    id: `${id}-latex`,
    ref: field,
    value: latex,
    maxLength: LATEX_MAX,
    spellCheck: false,
    onChange: (event: React.ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => updateAttributes({ latex: event.target.value }),
    onBlur: () => setFresh(false),
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === "Escape" || (event.key === "Enter" && (!display || event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        leave();
      }
    },
    className: "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  };
  return (
    <NodeViewWrapper as={Tag} className={display ? "math-node-block" : "math-node-inline"} data-math={display ? "block" : "inline"}>
      <Tag className={selected ? "rounded outline-2 outline-indigo-500" : undefined}>{preview}</Tag>
      {editing && (
        <Tag contentEditable={false} className={display ? "block" : "inline-block align-top"}>
          <label htmlFor={`${id}-latex`} className="sr-only">
            LaTeX source
          </label>
          {display ? <textarea {...fieldProps} rows={3} /> : <input {...fieldProps} size={Math.max(12, latex.length + 2)} />}
        </Tag>
      )}
    </NodeViewWrapper>
  );
}
