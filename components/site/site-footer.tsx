import { SiteNavLink, type SiteNavItem } from "@/components/site/site-header";
import type { SocialLink } from "@/lib/site/social";

export interface SiteFooterProps {
  title: string;
  description: string;
  /** The secondary menu. */
  navigation?: SiteNavItem[];
  /** The site's social profiles (lib/site/social.ts socialLinks). */
  social?: SocialLink[];
}

export function SiteFooter({ title, description, navigation = [], social = [] }: SiteFooterProps) {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p className="font-medium text-zinc-800 dark:text-zinc-200">{title}</p>
        <p className="mt-1">{description}</p>
        {navigation.length > 0 && (
          <nav aria-label="Footer" className="mt-4">
            <ul className="flex flex-wrap gap-x-4 gap-y-2">
              {navigation.map((item, index) => (
                <li key={`${index}-${item.url}`}>
                  <SiteNavLink item={item} className="underline-offset-4 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100" />
                </li>
              ))}
            </ul>
          </nav>
        )}
        {social.length > 0 && (
          <ul aria-label="Elsewhere" className="mt-4 flex flex-wrap gap-x-4 gap-y-2">
            {social.map((link) => (
              <li key={link.network}>
                {/* rel="me" lets Mastodon (and others that check it) verify the profile links back to this site. */}
                <a href={link.url} rel="me noopener" className="underline-offset-4 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </footer>
  );
}
