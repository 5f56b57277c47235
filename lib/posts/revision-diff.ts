import { diffLines, diffWordsWithSpace } from "diff";

/** One run of text: unchanged, only in the newer revision (added) or only in the older (removed). */
export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface RevisionDiff {
  title: DiffPart[];
  customExcerpt: DiffPart[];
  body: DiffPart[];
  /** Whether anything differs at all. */
  changed: boolean;
}

interface Comparable {
  title: string;
  customExcerpt: string;
  text: string;
}

function parts(changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return changes.map((change) => ({ value: change.value, ...(change.added ? { added: true as const } : {}), ...(change.removed ? { removed: true as const } : {}) }));
}

/**
 * Differences from `older` to `newer`: words within the title and excerpt; lines of the body (one per
 * block), each changed pair of lines refined to words, so an edited sentence shows only its edit and a
 * moved paragraph reads as one removal and one addition.
 */
export function diffRevisionText(older: Comparable, newer: Comparable): RevisionDiff {
  const body: DiffPart[] = [];
  const lines = diffLines(older.text.endsWith("\n") ? older.text : `${older.text}\n`, newer.text.endsWith("\n") ? newer.text : `${newer.text}\n`);
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i]!;
    const next = lines[i + 1];
    if (change.removed && next?.added) {
      body.push(...parts(diffWordsWithSpace(change.value, next.value)));
      i++;
      continue;
    }
    body.push(...parts([change]));
  }
  const title = parts(diffWordsWithSpace(older.title, newer.title));
  const customExcerpt = parts(diffWordsWithSpace(older.customExcerpt, newer.customExcerpt));
  const changed = [title, customExcerpt, body].some((list) => list.some((part) => part.added || part.removed));
  return { title, customExcerpt, body, changed };
}
