import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { loadSharp } from "@/lib/media/sharp";
import { mediaKeyFromSrc } from "@/lib/media/variants";
import { getSiteSettings } from "@/lib/site";
import { normaliseHexColour } from "@/lib/site/accent";
import { mediaStorage } from "@/lib/storage";

/** Sizes served: the favicon (32), Apple's home-screen icon (180) and the manifest's (192, 512). */
export const SITE_ICON_SIZES = [32, 180, 192, 512] as const;
export type SiteIconSize = (typeof SITE_ICON_SIZES)[number];

/** Tailwind's indigo-700, the stylesheet's own accent. */
const DEFAULT_ICON_COLOUR = "#4338ca";

/** A rounded square in the accent with a white open page: drawn with paths only, so no font is needed. */
function defaultIconSvg(colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${colour}"/><path d="M14 18c6-3 12-3 18 1v29c-6-4-12-4-18-1z M50 18c-6-3-12-3-18 1v29c6-4 12-4 18-1z" fill="#ffffff"/></svg>`;
}

/**
 * The site icon as a square PNG of `size` pixels: the Administrator's uploaded icon (cropped to a
 * square), or the generated default in the accent colour. Cached until the settings change.
 */
export async function getSiteIconPng(size: SiteIconSize): Promise<Uint8Array<ArrayBuffer>> {
  "use cache";
  cacheTag(cacheTags.site);
  cacheLife("content");
  const site = await getSiteSettings();
  const key = site.icon ? mediaKeyFromSrc(site.icon) : null;
  const uploaded = key ? await mediaStorage().get(key) : null;
  const source = uploaded ?? Buffer.from(defaultIconSvg(normaliseHexColour(site.accentColor ?? "") ?? DEFAULT_ICON_COLOUR));
  const sharp = await loadSharp();
  const png = await sharp(source, { density: uploaded ? undefined : Math.max(72, (72 * size) / 64) })
    .resize(size, size, { fit: "cover" })
    .png()
    .toBuffer();
  return new Uint8Array(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
}

/** The HTTP response for an icon: a PNG browsers may keep for a day (pages link it with ?v= of the last save). */
export async function siteIconResponse(size: SiteIconSize): Promise<Response> {
  return new Response(await getSiteIconPng(size), {
    headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400, stale-while-revalidate=604800" },
  });
}
