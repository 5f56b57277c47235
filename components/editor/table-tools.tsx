"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { isHeaderRow } from "@/lib/editor/blocks-render";
import { CALLOUT_KINDS, CALLOUT_LABELS, toCalloutKind } from "@/lib/editor/callout";
import { cn } from "@/lib/utils";

interface BlockButtonProps {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: React.ReactNode;
}

function BlockButton({ label, onClick, disabled, pressed, children }: BlockButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Keeps the selection in the editor, where the command applies.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={cn(
        "min-w-9 shrink-0 rounded px-2 py-1.5 text-sm font-medium whitespace-nowrap text-zinc-700 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800",
        pressed && "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-white",
      )}
    >
      {children}
    </button>
  );
}

/** Toolbar buttons that insert a table (with a header row), a toggle or a callout. */
export function BlockInsertButtons({ editor }: { editor: Editor }) {
  const chain = () => editor.chain().focus();
  return (
    <>
      <BlockButton label="Insert table" onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>
        Table
      </BlockButton>
      <BlockButton label="Insert toggle" onClick={() => chain().setDetails().run()}>
        Toggle
      </BlockButton>
      <BlockButton label="Insert callout" onClick={() => chain().setCallout("note").run()}>
        Callout
      </BlockButton>
    </>
  );
}

/**
 * A second toolbar row while the cursor is in a table or a callout: rows, columns and the header row of
 * the table; the kind of the callout. Each button says what it does, for screen readers too.
 */
export function TableTools({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    // Runs on every transaction (each keystroke): the dry-run commands only where the cursor is in a table.
    selector: ({ editor: e }) => {
      const inTable = e.isActive("table");
      const inCallout = e.isActive("callout");
      return {
        inTable,
        canAddRow: inTable && e.can().addRowAfter(),
        canDeleteRow: inTable && e.can().deleteRow(),
        canDeleteColumn: inTable && e.can().deleteColumn(),
        headerRow: inTable && isFirstRowHeader(e),
        inCallout,
        calloutKind: (inCallout ? toCalloutKind(e.getAttributes("callout").kind) : null) ?? "note",
        inDetails: e.isActive("details"),
      };
    },
  });
  const chain = () => editor.chain().focus();
  if (!state.inTable && !state.inCallout && !state.inDetails) return null;
  return (
    <div className="flex items-center gap-0.5 overflow-x-auto border-b border-zinc-200 bg-zinc-50 px-2 py-1 dark:border-zinc-800 dark:bg-zinc-900">
      {state.inTable && (
        <div role="toolbar" aria-label="Table" className="flex items-center gap-0.5">
          <span className="mr-1 shrink-0 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Table</span>
          <BlockButton label="Add row below" disabled={!state.canAddRow} onClick={() => chain().addRowAfter().run()}>
            + Row
          </BlockButton>
          <BlockButton label="Add column to the right" onClick={() => chain().addColumnAfter().run()}>
            + Column
          </BlockButton>
          <BlockButton label="Delete row" disabled={!state.canDeleteRow} onClick={() => chain().deleteRow().run()}>
            − Row
          </BlockButton>
          <BlockButton label="Delete column" disabled={!state.canDeleteColumn} onClick={() => chain().deleteColumn().run()}>
            − Column
          </BlockButton>
          <BlockButton label="Header row" pressed={state.headerRow} onClick={() => chain().toggleHeaderRow().run()}>
            Header row
          </BlockButton>
          <BlockButton label="Delete table" onClick={() => chain().deleteTable().run()}>
            Delete table
          </BlockButton>
        </div>
      )}
      {state.inCallout && (
        <div role="toolbar" aria-label="Callout" className="flex items-center gap-0.5">
          <span className="mr-1 shrink-0 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Callout</span>
          {CALLOUT_KINDS.map((kind) => (
            <BlockButton key={kind} label={`${CALLOUT_LABELS[kind]} callout`} pressed={state.calloutKind === kind} onClick={() => chain().updateAttributes("callout", { kind }).run()}>
              {CALLOUT_LABELS[kind]}
            </BlockButton>
          ))}
          <BlockButton label="Remove callout" onClick={() => chain().unsetCallout().run()}>
            Remove
          </BlockButton>
        </div>
      )}
      {state.inDetails && (
        <div role="toolbar" aria-label="Toggle" className="flex items-center gap-0.5">
          <span className="mr-1 shrink-0 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Toggle</span>
          <BlockButton label="Remove toggle" onClick={() => chain().unsetDetails().run()}>
            Remove
          </BlockButton>
        </div>
      )}
    </div>
  );
}

/** Whether the table around the selection starts with a row of header cells. */
function isFirstRowHeader(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name !== "table") continue;
    return isHeaderRow(node.firstChild);
  }
  return false;
}
