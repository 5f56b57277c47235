import type { JSONContent } from "@tiptap/core";

/**
 * Unsaved editor state kept on this device, one entry per post. localStorage rather than IndexedDB
 * because its writes are synchronous: the copy written in `pagehide`, as the tab closes, is on disk
 * before the page is gone, where an IndexedDB transaction could be cut off. This is a backup of what
 * the server has not received yet, never the copy of record, and it is removed once the server has it.
 */

export interface LocalDraft {
  postId: string;
  /** The server version the edits were made on; a later server version means it changed meanwhile. */
  baseVersion: number;
  /** When the copy was written (ms since the epoch, this device's clock). */
  keptAt: number;
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string;
  content: JSONContent;
}

const PREFIX = "quire:unsaved-post:";

const keyOf = (postId: string) => `${PREFIX}${postId}`;

/**
 * Writes the copy, its content given as JSON text (doc-json.ts, so a long post is not serialised whole
 * after every pause in typing); false when the browser refuses (storage full or disabled), which the
 * editor shows. What is stored reads back with readLocalDraft as one JSON object.
 */
export function writeLocalDraft(draft: Omit<LocalDraft, "content">, contentJson: string): boolean {
  const fields = JSON.stringify({ ...draft, content: null });
  try {
    window.localStorage.setItem(keyOf(draft.postId), `${fields.slice(0, -"null}".length)}${contentJson}}`);
    return true;
  } catch {
    return false;
  }
}

/** The kept copy for this post, or null (none, or unreadable). */
export function readLocalDraft(postId: string): LocalDraft | null {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(keyOf(postId));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (
      value.postId !== postId ||
      typeof value.baseVersion !== "number" ||
      typeof value.keptAt !== "number" ||
      typeof value.title !== "string" ||
      typeof value.slug !== "string" ||
      typeof value.customExcerpt !== "string" ||
      typeof value.tags !== "string" ||
      typeof value.content !== "object" ||
      value.content === null
    ) {
      return null;
    }
    return value as LocalDraft;
  } catch {
    return null;
  }
}

export function removeLocalDraft(postId: string) {
  try {
    window.localStorage.removeItem(keyOf(postId));
  } catch {
    // Nothing to remove when storage is unavailable.
  }
}
