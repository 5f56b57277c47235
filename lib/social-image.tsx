import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { cacheLife, cacheTag } from "next/cache";
import { ImageResponse } from "next/og";
import { cacheTags } from "@/lib/cache/tags";
import { fontCodePoints, keepCovered } from "@/lib/font-coverage";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { authorPath, postPath, tagPath, type FeedScope } from "@/lib/paths";
import { getPublishedPost } from "@/lib/posts";
import { getSiteSettings, type SiteSettings } from "@/lib/site";
import { getPublicTag } from "@/lib/tags";
import { getPublicAuthor } from "@/lib/users";
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

/**
 * The absolute URL (from SITE_URL for site paths) of the image that represents a post on social networks:
 * the social image chosen in its settings, else its feature image, else the generated card.
 */
export function postSocialImage(post: { slug: string; featureImage: string | null; updatedAt: Date; seo?: { socialImage: string | null } }): SocialImage {
  const feature = safeImageSrc(post.seo?.socialImage) ?? safeImageSrc(post.featureImage);
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
  return renderCard({ site, title: post.title, footer: post.author.name ? `By ${post.author.name}` : "", fonts, covered });
}

interface CardInput extends LoadedFonts {
  site: Pick<SiteSettings, "title" | "accentColor">;
  title: string;
  footer: string;
}

/** The 1200 × 630 PNG card: the site's name with its accent, a large title, and a line under it. */
async function renderCard({ site, title: rawTitle, footer: rawFooter, fonts, covered }: CardInput): Promise<Uint8Array<ArrayBuffer>> {
  // Satori would fetch a fallback font from Google for any glyph Geist lacks (emoji, CJK): leave those out.
  const title = truncate(keepCovered(rawTitle, covered), 120);
  const siteTitle = keepCovered(site.title, covered);
  const footer = truncate(keepCovered(rawFooter, covered), 110);
  const titleSize = title.length > 70 ? 60 : 76;
  // The accent passed AA on white when saved; on this dark card its own colour marks the site name.
  const accent = site.accentColor ?? "#818cf8";

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
        <div style={{ display: "flex", alignItems: "center", fontSize: 32, fontWeight: 700, color: "#e4e4e7" }}>
          <div style={{ width: 20, height: 20, borderRadius: 4, backgroundColor: accent, marginRight: 18 }} />
          {siteTitle}
        </div>
        <div style={{ display: "flex", fontSize: titleSize, fontWeight: 700, lineHeight: 1.1, letterSpacing: "-0.02em" }}>{title}</div>
        <div style={{ display: "flex", fontSize: 32, color: "#d4d4d8" }}>{footer}</div>
      </div>
    ),
    { ...SOCIAL_IMAGE_SIZE, fonts },
  );
  return new Uint8Array(await image.arrayBuffer());
}

/** Site path of the generated card of a list page (home, a tag, an author); `version` only busts caches. */
export function listSocialImagePath(scope: FeedScope, version: string): string {
  const base = scope.kind === "site" ? "" : scope.kind === "tag" ? tagPath(scope.slug) : authorPath(scope.slug);
  return `${base}/social-image?v=${version}`;
}

/**
 * The image that represents a list page (home, tag, author) on social networks: the site's default
 * social image when one is set, else the generated card of that list.
 */
export function listSocialImage(scope: FeedScope, site: Pick<SiteSettings, "defaultSocialImage" | "version">): SocialImage {
  const chosen = safeImageSrc(site.defaultSocialImage);
  if (chosen) return { url: chosen.startsWith("/") ? absoluteUrl(chosen) : chosen };
  return { url: absoluteUrl(listSocialImagePath(scope, site.version)), ...SOCIAL_IMAGE_SIZE };
}

/**
 * The PNG card of the home page, a tag or an author (null for a tag or author readers cannot see).
 * Cached until the site settings, the tag or the author change.
 */
export async function getListSocialImage(scope: FeedScope): Promise<Uint8Array<ArrayBuffer> | null> {
  "use cache";
  cacheTag(cacheTags.site, ...(scope.kind === "tag" ? [cacheTags.tag(scope.slug)] : scope.kind === "author" ? [cacheTags.author(scope.slug)] : []));
  cacheLife("content");
  const [site, fonts] = await Promise.all([getSiteSettings(), loadFonts()]);
  if (scope.kind === "site") return renderCard({ site, title: site.title, footer: site.description, ...fonts });
  if (scope.kind === "tag") {
    const tag = await getPublicTag(scope.slug);
    return tag && renderCard({ site, title: `Posts tagged “${tag.name}”`, footer: tag.description ?? "", ...fonts });
  }
  const author = await getPublicAuthor(scope.slug);
  return author && renderCard({ site, title: author.name, footer: author.bio ?? "", ...fonts });
}

/** The HTTP response for a generated card: the PNG, or 404. For GET route handlers. */
export function socialImageResponse(png: Uint8Array<ArrayBuffer> | null): Response {
  if (!png) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(png, {
    headers: {
      "Content-Type": "image/png",
      // Crawlers re-fetch cards rarely; a change gives the page's og:image a new ?v= instead.
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    },
  });
}
