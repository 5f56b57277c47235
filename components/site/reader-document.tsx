import { FootInjection, HeadInjection } from "@/components/site/code-injection";
import { HtmlDocument } from "@/components/site/html-document";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import { accentStyleSheet, normaliseHexColour } from "@/lib/site/accent";
import { socialLinks } from "@/lib/site/social";
import type { SiteSettings } from "@/lib/site";
import { themeToggleScript } from "@/lib/theme";

export interface ReaderDocumentProps {
  site: SiteSettings;
  /** The page's <main>. */
  children: React.ReactNode;
}

/**
 * The whole document of a reader page: the accent colour, the head and foot code injection (reader pages
 * only, never the admin), and the header and footer from the site settings.
 */
export function ReaderDocument({ site, children }: ReaderDocumentProps) {
  const accent = site.accentColor ? normaliseHexColour(site.accentColor) : null;
  return (
    <HtmlDocument
      frameworkScripts={false}
      head={
        <>
          {/* Generated from a validated hex colour only: no setting text reaches this stylesheet. */}
          {accent && <style data-site-accent="" dangerouslySetInnerHTML={{ __html: accentStyleSheet(accent) }} />}
          <HeadInjection html={site.codeInjectionHead} />
        </>
      }
    >
      <div className="flex min-h-dvh flex-col">
        <SkipLink />
        <SiteHeader title={site.title} logo={site.logo} navigation={site.navigation} />
        {children}
        <SiteFooter title={site.title} description={site.description} navigation={site.secondaryNavigation} social={socialLinks(site.social)} />
      </div>
      <script dangerouslySetInnerHTML={{ __html: themeToggleScript }} />
      <FootInjection html={site.codeInjectionFoot} />
    </HtmlDocument>
  );
}
