import type { Metadata } from "next";
import { HtmlDocument } from "@/components/site/html-document";
import { NotFoundMessage } from "@/components/site/not-found-message";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import { getSiteSettings } from "@/lib/site";
import "./globals.css";

// Next adds the noindex robots tag to 404s itself.
export const metadata: Metadata = { title: "Page not found" };

/**
 * URLs that match no route. A root not-found.tsx would do the same, but Next embeds the root boundary's
 * page in the RSC payload of every page; this one is served on its own. Missing posts, tags and authors
 * use app/(site)/not-found.tsx inside the site layout.
 */
export default async function GlobalNotFound() {
  const site = await getSiteSettings();
  return (
    <HtmlDocument>
      <div className="flex min-h-dvh flex-col">
        <SkipLink />
        <SiteHeader title={site.title} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-16 focus:outline-none">
          <NotFoundMessage />
        </main>
        <SiteFooter title={site.title} description={site.description} />
      </div>
    </HtmlDocument>
  );
}
