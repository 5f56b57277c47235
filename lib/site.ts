import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { db } from "@/lib/db";
import { cacheTags } from "@/lib/cache-tags";

export interface SiteSettings {
  title: string;
  description: string;
}

const FALLBACK: SiteSettings = { title: "Quire", description: "Notes on building software." };

/** Site title and description for every public page. */
export async function getSiteSettings(): Promise<SiteSettings> {
  "use cache";
  cacheTag(cacheTags.site);
  cacheLife("content");
  const site = await db.site.findUnique({ where: { id: 1 }, select: { title: true, description: true } });
  return site ?? FALLBACK;
}
