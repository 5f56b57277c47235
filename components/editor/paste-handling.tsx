"use client";

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { useState } from "react";
import { cleanPastedHtml, type PasteLoss } from "@/lib/editor/paste/clean-html";
import { dedent, languageFromVscodeData, looksLikeCode } from "@/lib/editor/paste/code";
import { looksLikeMarkdown, markdownToHtml } from "@/lib/editor/paste/markdown";

type Report = (losses: PasteLoss[]) => void;

/** Inserts `text` as one code block in place of the selection. */
function pasteCodeBlock(view: EditorView, text: string, language: string | null): boolean {
  const type = view.state.schema.nodes.codeBlock;
  const code = dedent(text);
  if (!type || code === "") return false;
  view.dispatch(view.state.tr.replaceSelectionWith(type.create({ language }, view.state.schema.text(code))).scrollIntoView());
  return true;
}

/**
 * The editor's paste handling: clipboard HTML is cleaned up before the schema reads it (lib/editor/paste),
 * VS Code copies and code-like plain text become one code block, and Markdown plain text becomes blocks.
 * What cannot be kept is passed to `report`, so the writer is told instead of finding out later.
 */
export function createPasteExtension(report: Report) {
  return Extension.create({
    name: "postPaste",
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey("postPaste"),
          props: {
            transformPastedHTML(html) {
              const { html: cleaned, losses } = cleanPastedHtml(html, new DOMParser());
              // A copied image alone comes with its file too, which the image upload takes; nothing is lost then.
              const imageOnly = !cleaned.replace(/<[^>]*>/g, "").trim() && losses.every((loss) => loss.kind === "images");
              report(imageOnly ? [] : losses);
              return cleaned;
            },
            handlePaste(view, event) {
              const data = event.clipboardData;
              // Pastes this plugin starts itself (Markdown turned into HTML) carry no clipboard data.
              if (!data) return false;
              if (view.state.selection.$from.parent.type.spec.code) return false;
              const text = data.getData("text/plain");
              const html = data.getData("text/html");
              const vscode = data.getData("vscode-editor-data");
              // One line from VS Code is a name or an expression for the sentence being written.
              if (vscode && text !== "" && !text.includes("\n")) return view.pasteText(text);
              if (vscode && text.includes("\n")) {
                const language = languageFromVscodeData(vscode);
                if (language !== "markdown") {
                  report([]);
                  return pasteCodeBlock(view, text, language);
                }
              }
              if (text && (!html || (vscode && text.includes("\n")))) {
                if (looksLikeMarkdown(text)) {
                  // Footnotes in the Markdown arrive as the editor's own (references and notes).
                  const { html: converted } = markdownToHtml(text);
                  return view.pasteHTML(converted);
                }
                if (looksLikeCode(text)) {
                  report([]);
                  return pasteCodeBlock(view, text, null);
                }
              }
              return false;
            },
          },
        }),
      ];
    },
  });
}

/**
 * The paste extension for one editor, and the notice that tells the writer what the last paste could
 * not keep (it stays until dismissed or the next paste).
 */
export function usePasteHandling() {
  const [losses, setLosses] = useState<PasteLoss[]>([]);
  const [pasteExtension] = useState(() => createPasteExtension(setLosses));
  const pasteNotice = (
    <div role="status" aria-live="polite">
      {losses.length > 0 && (
        <div className="paste-notice flex items-start justify-between gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <div>
            <p className="font-medium">Pasted, but not everything could be kept:</p>
            <ul className="mt-1 list-disc pl-5">
              {losses.map((loss) => (
                <li key={loss.kind}>{loss.message}</li>
              ))}
            </ul>
          </div>
          <button type="button" onClick={() => setLosses([])} className="shrink-0 rounded px-2 py-1 font-medium hover:bg-amber-100 dark:hover:bg-amber-900">
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
  return { pasteExtension, pasteNotice };
}
