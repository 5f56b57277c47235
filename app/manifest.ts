import type { MetadataRoute } from "next";
import { getSiteSettings } from "@/lib/site";

/** The web app manifest: the site's name, description, accent and icons from the settings. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const site = await getSiteSettings();
  return {
    name: site.title,
    short_name: site.title.length <= 12 ? site.title : site.title.slice(0, 12).trimEnd(),
    description: site.description,
    start_url: "/",
    display: "browser",
    background_color: "#ffffff",
    theme_color: site.accentColor ?? "#4338ca",
    icons: [
      { src: `/site-icon/192?v=${site.version}`, sizes: "192x192", type: "image/png" },
      { src: `/site-icon/512?v=${site.version}`, sizes: "512x512", type: "image/png" },
    ],
  };
}
