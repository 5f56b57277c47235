import { diffLines, diffWordsWithSpace } from "diff";
import type { RevisionSettingsState, StoredRevisionSettings } from "@/lib/validations/revision-settings";

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
  /** The post's settings; see SettingsDiff. */
  settings: SettingsDiff;
  /** Whether anything differs at all (text or recorded settings). */
  changed: boolean;
}

/** One setting as it was in the older and the newer revision, as text ("" for empty or none). */
export interface SettingChange {
  field: Exclude<keyof StoredRevisionSettings, "tags">;
  label: string;
  from: string;
  to: string;
}

/**
 * How the settings of two revisions differ. "not-recorded" when either revision has none that can be
 * read (made before settings were kept with revisions, or a damaged row): nothing is claimed then,
 * rather than showing every setting as cleared.
 */
export type SettingsDiff =
  | { recorded: true; changes: SettingChange[]; tagsAdded: string[]; tagsRemoved: string[] }
  | { recorded: false; unreadable: boolean };

/** The settings in the order the editor shows them, with their labels there. */
export const SETTING_LABELS: Record<SettingChange["field"], string> = {
  slug: "Slug",
  featureImage: "Feature image",
  featureImageAlt: "Feature image alt text",
  featureImageCaption: "Feature image caption",
  metaTitle: "Meta title",
  metaDescription: "Meta description",
  canonicalUrl: "Canonical URL",
  socialTitle: "Social title",
  socialDescription: "Social description",
  socialImage: "Social image",
  publishedAt: "Publish date",
};

/**
 * Differences between two revisions' settings. Tags compare by id, so a tag renamed since is not a
 * change; each is named as the revision that has it named it. The publish date counts only when it
 * moved between two dates (back-dating): its first setting is the publish itself, which the revision
 * list already says. `formatDate` turns a stored ISO date into what the reader sees.
 */
export function diffRevisionSettings(older: RevisionSettingsState, newer: RevisionSettingsState, formatDate: (iso: string) => string): SettingsDiff {
  if (older.state !== "recorded" || newer.state !== "recorded") {
    return { recorded: false, unreadable: older.state === "unreadable" || newer.state === "unreadable" };
  }
  const a = older.settings;
  const b = newer.settings;
  const changes: SettingChange[] = [];
  for (const field of Object.keys(SETTING_LABELS) as SettingChange["field"][]) {
    if (field === "publishedAt") {
      if (a.publishedAt && b.publishedAt && Date.parse(a.publishedAt) !== Date.parse(b.publishedAt)) {
        changes.push({ field, label: SETTING_LABELS[field], from: formatDate(a.publishedAt), to: formatDate(b.publishedAt) });
      }
      continue;
    }
    const from = a[field] ?? "";
    const to = b[field] ?? "";
    if (from !== to) changes.push({ field, label: SETTING_LABELS[field], from, to });
  }
  const olderIds = new Set(a.tags.map((tag) => tag.id));
  const newerIds = new Set(b.tags.map((tag) => tag.id));
  return {
    recorded: true,
    changes,
    tagsAdded: b.tags.filter((tag) => !olderIds.has(tag.id)).map((tag) => tag.name),
    tagsRemoved: a.tags.filter((tag) => !newerIds.has(tag.id)).map((tag) => tag.name),
  };
}

/** Whether a settings diff shows any change. */
export function settingsChanged(diff: SettingsDiff): boolean {
  return diff.recorded && (diff.changes.length > 0 || diff.tagsAdded.length > 0 || diff.tagsRemoved.length > 0);
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
 * moved paragraph reads as one removal and one addition. `settings` (diffRevisionSettings) counts
 * towards `changed`; without it the settings are "not recorded".
 */
export function diffRevisionText(older: Comparable, newer: Comparable, settings: SettingsDiff = { recorded: false, unreadable: false }): RevisionDiff {
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
  const changed = [title, customExcerpt, body].some((list) => list.some((part) => part.added || part.removed)) || settingsChanged(settings);
  return { title, customExcerpt, body, settings, changed };
}
