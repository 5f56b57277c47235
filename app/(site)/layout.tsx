import type { Metadata, Viewport } from "next";
import { documentViewport } from "@/components/site/html-document";
import { ReaderDocument } from "@/components/site/reader-document";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/site";
import { siteIconPath } from "@/lib/site/icon-paths";
import "../globals.css";
import "../code-theme.css";

/** Defaults for every reader page, including 404s; pages override title and description. */
export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings();
  return {
    metadataBase: new URL(env.SITE_URL),
    title: { default: site.title, template: `%s — ${site.title}` },
    description: site.description,
    icons: {
      icon: [{ url: siteIconPath("favicon", site.version), sizes: "32x32", type: "image/png" }],
      apple: [{ url: siteIconPath("apple", site.version), sizes: "180x180", type: "image/png" }],
    },
  };
}

export const viewport: Viewport = documentViewport;

/**
 * The root layout of reader pages (admin, sign-in and bench pages have their own): the site's chrome,
 * accent and code injection from the settings.
 */
export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const site = await getSiteSettings();
  return (
    <ReaderDocument site={site}>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-10 focus:outline-none">
        {children}
      </main>
    </ReaderDocument>
  );
}
