import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { cacheLife, cacheTag } from "next/cache";
import { ImageResponse } from "next/og";
import { cacheTags } from "@/lib/cache-tags";
import { fontCodePoints, keepCovered } from "@/lib/font-coverage";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { postPath } from "@/lib/paths";
import { getPublishedPost } from "@/lib/posts";
import { getSiteSettings } from "@/lib/site";
import { absoluteUrl } from "@/lib/urls";

/** Open Graph's recommended card size. */
export const SOCIAL_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/**
 * Site path of a post's generated social card. `version` (the post's last change) is only there to make
 * social networks fetch the card again after an edit; the route ignores it.
 */
export function postSocialImagePath(slug: string, version: Date): string {
  return `${postPath(slug)}/social-image?v=${version.getTime().toString(36)}`;
}

/** A post's social card: its feature image when it has a usable one, else the generated card. */
export interface SocialImage {
  url: string;
  width?: number;
  height?: number;
}

/** The absolute URL (from SITE_URL for site paths) of the image that represents a post on social networks. */
export function postSocialImage(post: { slug: string; featureImage: string | null; updatedAt: Date }): SocialImage {
  const feature = safeImageSrc(post.featureImage);
  if (feature) return { url: feature.startsWith("/") ? absoluteUrl(feature) : feature };
  return { url: absoluteUrl(postSocialImagePath(post.slug, post.updatedAt)), ...SOCIAL_IMAGE_SIZE };
}

interface LoadedFonts {
  fonts: { name: string; data: ArrayBuffer; weight: 400 | 700; style: "normal" }[];
  covered: Set<number>;
}

let loadedFonts: Promise<LoadedFonts> | undefined;

// Geist ships with the `geist` package the site already uses; nothing is downloaded at build or run time.
function loadFonts(): Promise<LoadedFonts> {
  const pending = (loadedFonts ??= (async (): Promise<LoadedFonts> => {
    const dir = path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans");
    const [regular, bold] = await Promise.all([readFile(path.join(dir, "Geist-Regular.ttf")), readFile(path.join(dir, "Geist-Bold.ttf"))]);
    const data = (file: Buffer) => file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    const inBold = fontCodePoints(bold);
    const covered = new Set([...fontCodePoints(regular)].filter((point) => inBold.has(point)));
    return {
      fonts: [
        { name: "Geist", data: data(regular), weight: 400, style: "normal" },
        { name: "Geist", data: data(bold), weight: 700, style: "normal" },
      ],
      covered,
    };
  })().catch((error: unknown) => {
    loadedFonts = undefined;
    throw error;
  }));
  return pending;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}

/**
 * The PNG social card (title, site name, author) for a published post, or null when no published post
 * has the slug. Rendered once per change of the post or the site settings, then served from the cache.
 */
export async function getPostSocialImage(slug: string): Promise<Uint8Array<ArrayBuffer> | null> {
  "use cache";
  cacheTag(cacheTags.post(slug), cacheTags.site);
  cacheLife("content");
  const [post, site, { fonts, covered }] = await Promise.all([getPublishedPost(slug), getSiteSettings(), loadFonts()]);
  if (!post) return null;
  // Satori would fetch a fallback font from Google for any glyph Geist lacks (emoji, CJK): leave those out.
  const title = truncate(keepCovered(post.title, covered), 120);
  const siteTitle = keepCovered(site.title, covered);
  const author = keepCovered(post.author.name, covered);
  const titleSize = title.length > 70 ? 60 : 76;

  const image = new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: "72px 80px",
          backgroundColor: "#09090b",
          backgroundImage: "linear-gradient(135deg, #1e1b4b 0%, #09090b 60%)",
          color: "#fafafa",
          fontFamily: "Geist",
        }}
      >
        <div style={{ display: "flex", alignItems: "center", fontSize: 32, fontWeight: 700, color: "#a5b4fc" }}>
          <div style={{ width: 20, height: 20, borderRadius: 4, backgroundColor: "#818cf8", marginRight: 18 }} />
          {siteTitle}
        </div>
        <div style={{ display: "flex", fontSize: titleSize, fontWeight: 700, lineHeight: 1.1, letterSpacing: "-0.02em" }}>{title}</div>
        <div style={{ display: "flex", fontSize: 32, color: "#d4d4d8" }}>{author ? `By ${author}` : ""}</div>
      </div>
    ),
    { ...SOCIAL_IMAGE_SIZE, fonts },
  );
  return new Uint8Array(await image.arrayBuffer());
}
