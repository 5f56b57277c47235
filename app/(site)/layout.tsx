import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/site";
import "../code-theme.css";

/** Defaults for every reader page, including 404s; pages override title and description. */
export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings();
  return {
    metadataBase: new URL(env.SITE_URL),
    title: { default: site.title, template: `%s — ${site.title}` },
    description: site.description,
  };
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const site = await getSiteSettings();
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SiteHeader title={site.title} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-10 focus:outline-none">
        {children}
      </main>
      <SiteFooter title={site.title} description={site.description} />
    </div>
  );
}
