import "server-only";
import path from "node:path";
import { cacheLife } from "next/cache";
import { getImageProps } from "next/image";
import { isSitePath } from "@/lib/editor/safe-href";
import { loadSharp } from "@/lib/media/sharp";
import { mediaKeyFromSrc, variantSources, type ImageSource } from "@/lib/media/variants";

/** The post column's width (max-w-3xl less its 1.25rem padding on each side), or the screen's less that padding. */
export const ARTICLE_IMAGE_SIZES = "(min-width: 48rem) 45.5rem, calc(100vw - 2.5rem)";

export interface ResponsiveImage {
  src: string;
  srcSet?: string;
  sizes?: string;
  /**
   * For uploaded media: a `<picture>`'s sources (AVIF, then WebP), each with `sizes`; the <img> then
   * keeps only the original's src, for browsers that read neither format.
   */
  sources?: ImageSource[];
  /** The file's own pixels: the browser shows the image no wider than this and reserves its height. */
  width?: number;
  height?: number;
  /** For uploaded media: the library's alt text, for an image that has none of its own. */
  alt?: string;
}

const PUBLIC_DIR = path.join(process.cwd(), "public");
/** What Next's optimizer resizes: it serves GIFs (perhaps animated) as they are and refuses SVGs. */
const RESIZABLE = /\.(png|jpe?g|webp|avif)$/i;

/**
 * An image on this site with a srcset of resized copies from Next's image optimizer, so a phone
 * downloads a phone-sized file, and with its own width and height. Only files in public/ qualify: their
 * size can be read, and the optimizer only fetches paths on this site (allow-listing every host an
 * author links to would make it an open proxy). Anything else keeps its plain src. Expects a src that
 * safeImageSrc (lib/editor/safe-href.ts) has accepted.
 */
export async function responsiveImage(src: string, sizes: string): Promise<ResponsiveImage> {
  return sizedImage(src, sizes, true);
}

/**
 * responsiveImage without its caches, for work outside a request (jobs, scripts), where "use cache" is
 * unavailable. Same result.
 */
export async function responsiveImageUncached(src: string, sizes: string): Promise<ResponsiveImage> {
  return sizedImage(src, sizes, false);
}

async function sizedImage(src: string, sizes: string, cached: boolean): Promise<ResponsiveImage> {
  const mediaKey = mediaKeyFromSrc(src);
  if (mediaKey) return uploadedImage(src, mediaKey, sizes, cached);
  const file = publicImageFile(src);
  if (!file) return { src };
  const size = await (cached ? ownSize(file) : readOwnSize(file));
  return size ? { ...srcSetUpTo(src, size.width, sizes), ...size } : { src };
}

/**
 * An uploaded image (lib/media) with sources for the stored copies its row lists (AVIF only where it
 * was made), its size and its library alt text, all from the database: no file is read and the
 * optimizer is not involved. An unknown key (a deleted file) keeps its plain src.
 */
async function uploadedImage(src: string, key: string, sizes: string, cached: boolean): Promise<ResponsiveImage> {
  // Loaded on first use, so renderers without uploaded images (and their unit tests) never load the database client.
  const media = await import("@/lib/media/media");
  const rendition = (await (cached ? media.getMediaRenditions([key]) : media.readMediaRenditions([key]))).get(key);
  if (!rendition) return { src };
  const sources = variantSources(rendition.variants);
  return { src, ...(sources.length > 0 ? { sources, sizes } : {}), width: rendition.width, height: rendition.height, alt: rendition.alt };
}

/** An image file's pixels, from its header; null when it is missing or not an image. Files in public/ change only with a deploy. */
async function ownSize(file: string): Promise<{ width: number; height: number } | null> {
  "use cache";
  cacheLife("max");
  return readOwnSize(file);
}

async function readOwnSize(file: string): Promise<{ width: number; height: number } | null> {
  const sharp = await loadSharp();
  const { width, height } = await sharp(file)
    .metadata()
    .catch(() => ({ width: undefined, height: undefined }));
  return width && height ? { width, height } : null;
}

/** The file in public/ behind a plain path (no query, fragment, space or comma) to a resizable image, or null. */
export function publicImageFile(src: string): string | null {
  if (!isSitePath(src) || /[\s,?#]/.test(src) || !RESIZABLE.test(src)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(src);
  } catch {
    return null;
  }
  const file = path.resolve(PUBLIC_DIR, `.${decoded}`);
  return file.startsWith(PUBLIC_DIR + path.sep) ? file : null;
}

/**
 * The optimizer's copies narrower than the image, then the file itself at its own width: the optimizer
 * never enlarges, so a wider copy would be the same pixels under a false width, shown too small.
 */
export function srcSetUpTo(src: string, ownWidth: number, sizes: string): { src: string; srcSet: string; sizes: string } {
  const { props } = getImageProps({ src, alt: "", fill: true, sizes });
  const copies = (props.srcSet ?? "")
    .split(", ")
    .map((candidate) => candidate.split(" "))
    .filter(([url, descriptor]) => url && descriptor && Number.parseInt(descriptor, 10) < ownWidth);
  return { src, srcSet: [...copies.map((copy) => copy.join(" ")), `${src} ${ownWidth}w`].join(", "), sizes };
}
