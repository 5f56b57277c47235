import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/site/not-found-message";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import { getSiteSettings } from "@/lib/site";

export const metadata: Metadata = { title: "Page not found" };

/** URLs that match no route: outside the (site) layout, so it brings the site's header and footer itself. */
export default async function GlobalNotFound() {
  const site = await getSiteSettings();
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SiteHeader title={site.title} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-16 focus:outline-none">
        <NotFoundMessage />
      </main>
      <SiteFooter title={site.title} description={site.description} />
    </div>
  );
}
