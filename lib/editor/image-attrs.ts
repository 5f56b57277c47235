/** How wide an image is shown: within the text column (the default), wider than it, or the full window. */
export const IMAGE_LAYOUTS = ["column", "wide", "full"] as const;
export type ImageLayout = (typeof IMAGE_LAYOUTS)[number];

/** Longest image caption kept. */
export const IMAGE_CAPTION_MAX = 500;

/** A stored layout value as one of ours; anything else reads as the column. */
export function imageLayout(value: unknown): ImageLayout {
  return value === "wide" || value === "full" ? value : "column";
}

/** Whether a stored layout value is valid (null means the default). */
export function isImageLayout(value: unknown): boolean {
  return value === null || value === undefined || (IMAGE_LAYOUTS as readonly unknown[]).includes(value);
}

/** A caption as shown (trimmed), or null for none. */
export function imageCaption(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  return text ? text.slice(0, IMAGE_CAPTION_MAX) : null;
}
