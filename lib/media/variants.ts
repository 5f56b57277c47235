/**
 * Naming and sizing of uploaded images: pure functions shared by the upload, the media route and the
 * reader pages. Every stored file has a generated, content-hashed key: `<hash>.<ext>` for the original
 * and `<hash>-<width>.<avif|webp>` for each resized copy, so a key never changes meaning and can be
 * cached forever.
 */

/** Widths of the copies, for screens from a phone to a 2x display of the article column (45.5rem). */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1600, 1920] as const;

/**
 * Formats of the copies, in the order a page offers them: AVIF is about a third smaller than WebP for
 * the same look, and browsers without it take the WebP (or, with neither, the original).
 */
export const VARIANT_FORMATS = ["avif", "webp"] as const;

export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** Largest upload accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Largest image accepted, in pixels (width × height): a small file can still decode to gigabytes. */
export const MAX_UPLOAD_PIXELS = 50_000_000;

export type ImageFormat = "jpeg" | "png" | "webp" | "avif" | "gif";

export const FORMATS: Record<ImageFormat, { ext: string; mimeType: string }> = {
  jpeg: { ext: "jpg", mimeType: "image/jpeg" },
  png: { ext: "png", mimeType: "image/png" },
  webp: { ext: "webp", mimeType: "image/webp" },
  avif: { ext: "avif", mimeType: "image/avif" },
  gif: { ext: "gif", mimeType: "image/gif" },
};

/**
 * A resized copy as stored in the database beside its media row; its format is its key's extension.
 * Rows list only the copies that exist: uploads from before AVIF copies were made have WebP ones only
 * until the backfill (lib/media/backfill.ts) adds them.
 */
export interface MediaVariant {
  key: string;
  width: number;
  height: number;
  bytes: number;
}

/** A copy to make: its width and format. */
export interface PlannedVariant {
  width: number;
  format: VariantFormat;
}

/** Human-readable size for messages: "10 MB", "2.4 MB", "800 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Widths of the copies to make of an image `width` pixels wide: every standard width narrower than the
 * image, then the image's own width when it is not wider than the largest standard one. Never wider
 * than the image: an enlarged copy would only cost bytes.
 */
export function planVariantWidths(width: number): number[] {
  if (!Number.isInteger(width) || width < 1) return [];
  const narrower = VARIANT_WIDTHS.filter((w) => w < width);
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  return width <= largest ? [...narrower, width] : narrower;
}

/**
 * The copies an image `width` pixels wide should have: every planned width in each format. An animation
 * gets WebP copies only: sharp writes AVIF as a still image, which would stop it.
 */
export function planVariants(width: number, { animated = false }: { animated?: boolean } = {}): PlannedVariant[] {
  const formats = VARIANT_FORMATS.filter((format) => !animated || format !== "avif");
  return formats.flatMap((format) => planVariantWidths(width).map((w) => ({ width: w, format })));
}

/**
 * The planned copies of an image `width` wide that `existing` lacks (by width and format), for filling
 * in what older uploads miss. Copies it has beyond the plan are left alone.
 */
export function missingVariants(width: number, existing: readonly MediaVariant[], options: { animated?: boolean } = {}): PlannedVariant[] {
  const have = new Set(existing.map((variant) => `${variant.width}.${variantFormat(variant)}`));
  return planVariants(width, options).filter((planned) => !have.has(`${planned.width}.${planned.format}`));
}

/** The format of a stored copy, from its key; null for a key that is no copy's. */
export function variantFormat(variant: Pick<MediaVariant, "key">): VariantFormat | null {
  const ext = /-\d+\.([a-z0-9]+)$/.exec(variant.key)?.[1];
  return VARIANT_FORMATS.find((format) => FORMATS[format].ext === ext) ?? null;
}

/** Height of a copy `width` wide of a `ownWidth` × `ownHeight` image, as sharp rounds it. */
export function scaledHeight(ownWidth: number, ownHeight: number, width: number): number {
  return Math.max(1, Math.round((ownHeight * width) / ownWidth));
}

const HASH = /^[a-f0-9]{24}$/;

/** The key of an original: its content hash and the extension of its (sniffed) format. */
export function originalKey(hash: string, format: ImageFormat): string {
  if (!HASH.test(hash)) throw new Error("A media hash is 24 lower-case hex digits.");
  return `${hash}.${FORMATS[format].ext}`;
}

/** The key of the copy `width` pixels wide, in `format`, of the original with key `original`. */
export function variantKey(original: string, width: number, format: VariantFormat = "webp"): string {
  return `${original.replace(/\.[a-z0-9]+$/, "")}-${width}.${FORMATS[format].ext}`;
}

const MEDIA_PATH = /^\/media\/([a-f0-9]{24}\.(?:jpg|png|webp|avif|gif))$/;

/** The public path of a stored file. */
export const mediaPath = (key: string) => `/media/${key}`;

/** The original's key behind a path such as `/media/<hash>.jpg`, or null for any other src. */
export function mediaKeyFromSrc(src: string): string | null {
  return MEDIA_PATH.exec(src)?.[1] ?? null;
}

/** Every original key mentioned in a text (a post document as JSON), each once. */
export function mediaKeysIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\/media\/([a-f0-9]{24}\.(?:jpg|png|webp|avif|gif))(?![a-z0-9-])/g)].map((match) => match[1]!))];
}

/** The srcset of an uploaded image's copies in one format, narrowest first ("/media/k-320.webp 320w, …"). */
export function variantSrcSet(variants: readonly MediaVariant[], format: VariantFormat = "webp"): string {
  return variants
    .filter((variant) => variantFormat(variant) === format)
    .sort((a, b) => a.width - b.width)
    .map((variant) => `${mediaPath(variant.key)} ${variant.width}w`)
    .join(", ");
}

/** A `<source>` of a `<picture>`: one format's copies. */
export interface ImageSource {
  type: string;
  srcSet: string;
}

/**
 * The `<source>`s for an uploaded image, preferred format first, each only for a format the row lists
 * copies of: a page never names a file that was not made.
 */
export function variantSources(variants: readonly MediaVariant[]): ImageSource[] {
  return VARIANT_FORMATS.flatMap((format) => {
    const srcSet = variantSrcSet(variants, format);
    return srcSet ? [{ type: FORMATS[format].mimeType, srcSet }] : [];
  });
}

/** The Content-Type of a stored file, from its key's extension (keys are generated from the sniffed format). */
export function contentTypeOfKey(key: string): string | null {
  const ext = /\.([a-z0-9]+)$/.exec(key)?.[1];
  return Object.values(FORMATS).find((format) => format.ext === ext)?.mimeType ?? null;
}
