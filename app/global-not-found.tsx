import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/site/not-found-message";
import { ReaderDocument } from "@/components/site/reader-document";
import { getSiteSettings } from "@/lib/site";
import { siteIconPath } from "@/lib/site/icon-paths";
import "./globals.css";

// Next adds the noindex robots tag to 404s itself.
export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings();
  return { title: "Page not found", icons: { icon: [{ url: siteIconPath("favicon", site.version), sizes: "32x32", type: "image/png" }] } };
}

/**
 * URLs that match no route. A root not-found.tsx would do the same, but Next embeds the root boundary's
 * page in the RSC payload of every page; this one is served on its own, as a reader page.
 */
export default async function GlobalNotFound() {
  const site = await getSiteSettings();
  return (
    <ReaderDocument site={site}>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-16 focus:outline-none">
        <NotFoundMessage />
      </main>
    </ReaderDocument>
  );
}
