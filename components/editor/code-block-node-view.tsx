"use client";

import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useId } from "react";
import { CODE_FILENAME_MAX, CODE_LANGUAGES, languageLabel, resolveLanguage } from "@/lib/editor/code-languages";

const controlClass =
  "rounded border border-zinc-300 bg-white px-1.5 py-0.5 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200";

/**
 * A code block in the editor: a language picker and a filename field above the code, both changeable
 * at any time. The fields are outside the editable text (contentEditable false), so typing in them
 * never enters the code.
 */
export function CodeBlockNodeView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const id = useId();
  const language = resolveLanguage(node.attrs.language);
  const filename = typeof node.attrs.filename === "string" ? node.attrs.filename : "";
  return (
    <NodeViewWrapper className="code-block-editor my-6" data-language={language ?? undefined}>
      <div contentEditable={false} className="mb-1 flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-file`} className="sr-only">
          Filename or caption
        </label>
        <input
          id={`${id}-file`}
          value={filename}
          maxLength={CODE_FILENAME_MAX}
          placeholder="Filename or caption (optional)"
          disabled={!editor.isEditable}
          onChange={(event) => updateAttributes({ filename: event.target.value || undefined })}
          className={`${controlClass} min-w-0 flex-1 font-mono`}
        />
        <label htmlFor={`${id}-lang`} className="sr-only">
          Code language
        </label>
        <select
          id={`${id}-lang`}
          value={language ?? ""}
          disabled={!editor.isEditable}
          onChange={(event) => updateAttributes({ language: event.target.value || null })}
          className={controlClass}
        >
          <option value="">Plain text</option>
          {CODE_LANGUAGES.map((name) => (
            <option key={name} value={name}>
              {languageLabel(name)}
            </option>
          ))}
        </select>
      </div>
      <pre className="m-0">
        <NodeViewContent<"code"> as="code" className={language ? `language-${language}` : undefined} />
      </pre>
    </NodeViewWrapper>
  );
}
