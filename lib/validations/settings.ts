import { z } from "zod";
import { linkHrefFromInput } from "@/lib/editor/safe-href";
import { mediaKeyFromSrc } from "@/lib/media/variants";
import { headInjectionProblems } from "@/lib/site/code-injection";
import { AA_TEXT_CONTRAST, accentContrast, normaliseHexColour } from "@/lib/site/accent";
import { parseSocialAccount, SOCIAL_LABELS, SOCIAL_NETWORKS, type SocialNetwork } from "@/lib/site/social";
import { canonicalTimeZone } from "@/lib/site/timezone";

export const MAX_SITE_TITLE_LENGTH = 80;
/** Search engines cut descriptions at about 160 characters; the description is the home page's meta description. */
export const MAX_SITE_DESCRIPTION_LENGTH = 160;
export const MAX_NAV_ITEMS = 12;
export const MAX_NAV_LABEL_LENGTH = 40;
export const MIN_POSTS_PER_PAGE = 1;
export const MAX_POSTS_PER_PAGE = 50;
export const MAX_CODE_INJECTION_LENGTH = 20_000;

/**
 * Where a menu item may point: an http(s) or mailto URL, or an absolute path on this site. A bare
 * domain becomes an https URL (as in the editor's link form); relative paths are refused, as a menu
 * shown on every page would resolve them differently on each.
 */
export function navigationHref(raw: string): string | null {
  const href = linkHrefFromInput(raw);
  if (!href) return null;
  return /^(https?|mailto):/i.test(href) || (href.startsWith("/") && !href.startsWith("//")) ? href : null;
}

const NavigationItemInput = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Give the menu item a label.")
    .max(MAX_NAV_LABEL_LENGTH, `A label is at most ${MAX_NAV_LABEL_LENGTH} characters.`),
  url: z
    .string()
    .trim()
    .min(1, "Give the menu item a URL.")
    .max(2000, "That URL is too long.")
    .transform((value, ctx) => {
      const href = navigationHref(value);
      if (href === null) {
        ctx.addIssue({ code: "custom", message: "Use a path on this site (/about) or an http, https or mailto URL." });
        return z.NEVER;
      }
      return href;
    }),
});
export type NavigationItem = z.infer<typeof NavigationItemInput>;

const NavigationInput = z.array(NavigationItemInput).max(MAX_NAV_ITEMS, `A menu holds at most ${MAX_NAV_ITEMS} items.`);

/** An uploaded image's path ("/media/<key>") or "" for none; stored as null. */
const MediaSrcInput = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return null;
    if (mediaKeyFromSrc(value) === null) {
      ctx.addIssue({ code: "custom", message: "Choose an image uploaded to this site." });
      return z.NEVER;
    }
    return value;
  });

const AccentColourInput = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return null;
    const hex = normaliseHexColour(value);
    if (hex === null) {
      ctx.addIssue({ code: "custom", message: "Use a hex colour such as #4f46e5." });
      return z.NEVER;
    }
    const { ratio, passes } = accentContrast(hex);
    if (!passes) {
      ctx.addIssue({
        code: "custom",
        message: `${hex} has a contrast of ${ratio.toFixed(2)}:1 against the white page; links and buttons need at least ${AA_TEXT_CONTRAST}:1 (WCAG AA). Choose a darker colour.`,
      });
      return z.NEVER;
    }
    return hex;
  });

const socialField = (network: SocialNetwork) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return undefined;
      const account = parseSocialAccount(network, value);
      if (account === null) {
        ctx.addIssue({ code: "custom", message: `That is not a ${SOCIAL_LABELS[network]} account we recognise.` });
        return z.NEVER;
      }
      return account;
    });

const SocialAccountsInput = z.object(
  Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network, socialField(network).optional()])) as Record<
    SocialNetwork,
    z.ZodOptional<ReturnType<typeof socialField>>
  >,
);

const codeInjection = z
  .string()
  .max(MAX_CODE_INJECTION_LENGTH, `Code injection is at most ${MAX_CODE_INJECTION_LENGTH.toLocaleString("en")} characters.`);

/** Everything the settings form saves, in one go. Empty strings mean "none" for images, colour and accounts. */
export const UpdateSiteSettingsInput = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the site a title.")
    .max(MAX_SITE_TITLE_LENGTH, `The title is at most ${MAX_SITE_TITLE_LENGTH} characters.`),
  description: z
    .string()
    .trim()
    .max(MAX_SITE_DESCRIPTION_LENGTH, `The description is at most ${MAX_SITE_DESCRIPTION_LENGTH} characters, as search results show no more.`),
  logo: MediaSrcInput,
  icon: MediaSrcInput,
  defaultSocialImage: MediaSrcInput,
  accentColor: AccentColourInput,
  navigation: NavigationInput,
  secondaryNavigation: NavigationInput,
  social: SocialAccountsInput,
  timezone: z.string().transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      ctx.addIssue({ code: "custom", message: "Choose a time zone from the list (an IANA name such as Europe/Berlin)." });
      return z.NEVER;
    }
    return zone;
  }),
  postsPerPage: z.coerce
    .number({ message: "Enter a number." })
    .int("Enter a whole number.")
    .min(MIN_POSTS_PER_PAGE, `Show at least ${MIN_POSTS_PER_PAGE} post per page.`)
    .max(MAX_POSTS_PER_PAGE, `Show at most ${MAX_POSTS_PER_PAGE} posts per page.`),
  codeInjectionHead: codeInjection.superRefine((html, ctx) => {
    const problems = headInjectionProblems(html);
    if (problems.length > 0) {
      const named = problems.map((name) => (name === "text" ? "text outside an element" : `<${name}>`)).join(", ");
      ctx.addIssue({ code: "custom", message: `The head holds only script, style, link, meta and noscript elements; move ${named} to the footer.` });
    }
  }),
  codeInjectionFoot: codeInjection,
});
export type UpdateSiteSettingsInput = z.infer<typeof UpdateSiteSettingsInput>;
/** What the form sends, before parsing. */
export type SiteSettingsFormValues = z.input<typeof UpdateSiteSettingsInput>;
