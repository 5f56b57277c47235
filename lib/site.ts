import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { cacheTags } from "@/lib/cache/tags";
import { DomainError } from "@/lib/errors";
import { mediaKeyFromSrc } from "@/lib/media/variants";
import { assertCan, type Actor } from "@/lib/permissions";
import { SOCIAL_NETWORKS, type SocialAccounts } from "@/lib/site/social";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "@/lib/site/timezone";
import type { NavigationItem, UpdateSiteSettingsInput } from "@/lib/validations/settings";

export type { NavigationItem } from "@/lib/validations/settings";

/** Posts per list page when the site row does not exist yet (a fresh database before setup). */
export const DEFAULT_POSTS_PER_PAGE = 10;

/** Everything reader pages, feeds and metadata show from the site settings. */
export interface SiteSettings {
  title: string;
  description: string;
  /** "/media/<key>" paths of uploaded images, or null. */
  logo: string | null;
  icon: string | null;
  defaultSocialImage: string | null;
  /** "#rrggbb", or null for the stylesheet's own accent. */
  accentColor: string | null;
  navigation: NavigationItem[];
  secondaryNavigation: NavigationItem[];
  social: SocialAccounts;
  /** The IANA zone in effect: the setting, else SITE_TIMEZONE, else UTC. */
  timezone: string;
  postsPerPage: number;
  codeInjectionHead: string;
  codeInjectionFoot: string;
  /** Changes with every save: appended to icon URLs so browsers fetch a new icon. */
  version: string;
}

/** The settings form's view: the stored zone (null when unset) besides the one in effect. */
export interface EditableSiteSettings extends SiteSettings {
  storedTimezone: string | null;
  /** The zone used while none is stored: SITE_TIMEZONE, else UTC. */
  fallbackTimezone: string;
}

/** SITE_TIMEZONE, the operator's default until an Administrator picks a zone; ignored unless Intl knows it. */
function environmentTimeZone(): string {
  const configured = process.env.SITE_TIMEZONE;
  return (configured && canonicalTimeZone(configured)) || DEFAULT_TIME_ZONE;
}

const FALLBACK: Omit<SiteSettings, "timezone"> = {
  title: "Quire",
  description: "Notes on building software.",
  logo: null,
  icon: null,
  defaultSocialImage: null,
  accentColor: null,
  navigation: [],
  secondaryNavigation: [],
  social: {},
  postsPerPage: DEFAULT_POSTS_PER_PAGE,
  codeInjectionHead: "",
  codeInjectionFoot: "",
  version: "0",
};

// Stored JSON was validated on write; reading it again keeps a hand-edited row from breaking every page.
const StoredNavigation = z.array(z.object({ label: z.string(), url: z.string() })).catch([]);
const StoredSocial = z.object(Object.fromEntries(SOCIAL_NETWORKS.map((n) => [n, z.string().optional().catch(undefined)]))).catch({});

const siteSelect = {
  title: true,
  description: true,
  logo: true,
  icon: true,
  defaultSocialImage: true,
  accentColor: true,
  navigation: true,
  secondaryNavigation: true,
  social: true,
  timezone: true,
  postsPerPage: true,
  codeInjectionHead: true,
  codeInjectionFoot: true,
  updatedAt: true,
} as const;

async function readSite(): Promise<EditableSiteSettings> {
  const row = await db.site.findUnique({ where: { id: 1 }, select: siteSelect });
  const fallbackTimezone = environmentTimeZone();
  if (!row) return { ...FALLBACK, timezone: fallbackTimezone, storedTimezone: null, fallbackTimezone };
  const storedTimezone = row.timezone && canonicalTimeZone(row.timezone);
  return {
    title: row.title,
    description: row.description,
    logo: row.logo,
    icon: row.icon,
    defaultSocialImage: row.defaultSocialImage,
    accentColor: row.accentColor,
    navigation: StoredNavigation.parse(row.navigation),
    secondaryNavigation: StoredNavigation.parse(row.secondaryNavigation),
    social: StoredSocial.parse(row.social) as SocialAccounts,
    timezone: storedTimezone || fallbackTimezone,
    storedTimezone: storedTimezone || null,
    fallbackTimezone,
    postsPerPage: row.postsPerPage,
    codeInjectionHead: row.codeInjectionHead,
    codeInjectionFoot: row.codeInjectionFoot,
    version: row.updatedAt.getTime().toString(36),
  };
}

/** The site settings for every public page, feed and image. Cached until the settings are saved. */
export async function getSiteSettings(): Promise<SiteSettings> {
  "use cache";
  cacheTag(cacheTags.site);
  cacheLife("content");
  const settings: Partial<EditableSiteSettings> = await readSite();
  delete settings.storedTimezone;
  delete settings.fallbackTimezone;
  return settings as SiteSettings;
}

/**
 * The site's IANA time zone: for dates shown to readers and for scheduling. The Administrator's setting,
 * else SITE_TIMEZONE, else UTC. Anyone may call it; cached like getSiteSettings.
 */
export async function getSiteTimezone(): Promise<string> {
  return (await getSiteSettings()).timezone;
}

/**
 * Posts per page of the home, tag and author lists. A cached list that calls this carries the site
 * tag, so saving the settings refreshes every list page.
 */
export async function getPostsPerPage(): Promise<number> {
  return (await getSiteSettings()).postsPerPage;
}

/** The settings as stored, for the settings form. Administrators only: throws DomainError("FORBIDDEN"). */
export async function getSiteSettingsForAdmin(actor: Actor): Promise<EditableSiteSettings> {
  assertCan(actor, "site.manage");
  return readSite();
}

export interface SiteSettingsWriteResult {
  settings: EditableSiteSettings;
  /** Cache tags whose pages show what changed. */
  publicTags: string[];
}

/**
 * Saves every setting at once. Administrators only: throws DomainError("FORBIDDEN"), or
 * DomainError("INVALID_INPUT") when an image is not one uploaded to this site.
 */
export async function updateSiteSettings(actor: Actor, input: UpdateSiteSettingsInput): Promise<SiteSettingsWriteResult> {
  assertCan(actor, "site.manage");
  const images = [input.logo, input.icon, input.defaultSocialImage].filter((src): src is string => src !== null);
  const keys = [...new Set(images.map((src) => mediaKeyFromSrc(src)).filter((key): key is string => key !== null))];
  if (keys.length > 0) {
    const found = await db.media.count({ where: { key: { in: keys } } });
    if (found !== keys.length) throw new DomainError("INVALID_INPUT", "An image is no longer in the media library. Choose another one.");
  }
  const data = {
    title: input.title,
    description: input.description,
    logo: input.logo,
    icon: input.icon,
    defaultSocialImage: input.defaultSocialImage,
    accentColor: input.accentColor,
    navigation: input.navigation,
    secondaryNavigation: input.secondaryNavigation,
    social: Object.fromEntries(Object.entries(input.social).filter(([, value]) => value !== undefined)),
    timezone: input.timezone,
    postsPerPage: input.postsPerPage,
    codeInjectionHead: input.codeInjectionHead,
    codeInjectionFoot: input.codeInjectionFoot,
  };
  const before = await db.site.findUnique({ where: { id: 1 }, select: { postsPerPage: true } });
  await db.site.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data, select: { id: true } });
  const settings = await readSite();
  // Every reader page, feed and social image reads the settings (and so carries the site tag); list
  // caches read posts per page inside the same tag, and their own is added for safety when it changes.
  const publicTags: string[] = [cacheTags.site];
  if ((before?.postsPerPage ?? DEFAULT_POSTS_PER_PAGE) !== input.postsPerPage) publicTags.push(cacheTags.postList);
  return { settings, publicTags };
}
