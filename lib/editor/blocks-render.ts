import type { Node as PMNode } from "@tiptap/pm/model";
import { CALLOUT_LABELS, toCalloutKind, type CalloutKind } from "@/lib/editor/callout";

/*
 * What the reader page and the feeds both need to render tables and callouts the same way: which row
 * is a header row, which scope a header cell has, and the cell attributes worth keeping.
 */

/** Whether every cell of the row is a header cell (a table's header row). */
export function isHeaderRow(row: PMNode | null | undefined): boolean {
  if (!row || row.type.name !== "tableRow" || row.childCount === 0) return false;
  let headers = true;
  row.forEach((cell) => {
    if (cell.type.name !== "tableHeader") headers = false;
  });
  return headers;
}

/** A header cell in a header row labels its column; one among data cells labels its row. */
export function headerScope(row: PMNode | null | undefined): "col" | "row" {
  return isHeaderRow(row) ? "col" : "row";
}

/** The span and alignment of a table cell, only when they differ from the default. */
export function cellAttributes(cell: PMNode): { colSpan?: number; rowSpan?: number; align?: "left" | "center" | "right" } {
  const span = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 1 && value <= 1000 ? value : undefined);
  const align = cell.attrs.align === "left" || cell.attrs.align === "center" || cell.attrs.align === "right" ? cell.attrs.align : undefined;
  return { colSpan: span(cell.attrs.colspan), rowSpan: span(cell.attrs.rowspan), align };
}

/** A short accessible name for a table's scrolling wrapper: its column headings, if it has them. */
export function tableLabel(table: PMNode): string {
  const first = table.firstChild;
  if (!isHeaderRow(first) || !first) return "Table";
  const names: string[] = [];
  first.forEach((cell) => {
    const text = cell.textContent.trim();
    if (text) names.push(text);
  });
  const joined = names.join(", ");
  return joined ? `Table: ${joined.length > 80 ? `${joined.slice(0, 79)}…` : joined}` : "Table";
}

/** The callout's kind (unknown stored values read as a note) and its visible label. */
export function calloutOf(node: PMNode): { kind: CalloutKind; label: string } {
  const kind = toCalloutKind(node.attrs.kind) ?? "note";
  return { kind, label: CALLOUT_LABELS[kind] };
}
