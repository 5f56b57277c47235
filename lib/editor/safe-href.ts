const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Browsers ignore ASCII whitespace and control characters inside URLs ("java\tscript:", "/\t/host"). */
const stripIgnored = (value: string) => value.replace(/[\u0000-\u0020\u007f]/g, "");

/** A path on this site: not protocol-relative, and no backslash (browsers read "/\host" as "//host"). */
export const isSitePath = (normalised: string) => normalised.startsWith("/") && !normalised.startsWith("//") && !normalised.includes("\\");

/** Whether a safe href leaves the site (has a scheme or is protocol-relative), for rel="noopener". */
export function isExternalHref(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//");
}

/**
 * The href if it is safe to put in a link (http, https, mailto, or a relative path, query or
 * fragment), else null.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const href = raw.trim();
  if (href === "" || href.length > 2048) return null;
  const normalised = stripIgnored(href);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(normalised);
  if (scheme) return ALLOWED_PROTOCOLS.has(scheme[0].toLowerCase()) ? href : null;
  if (normalised.includes("\\") || normalised.startsWith("//")) return null;
  return isSitePath(normalised) || /^[#?.\w-]/.test(normalised) ? href : null;
}

/** host.tld with an optional port, path, query or fragment: what people type for "a website". */
const BARE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}(?::\d{1,5})?(?:[/?#]\S*)?$/i;
const EMAIL = /^[^\s@/:]+@(?:[a-z0-9-]+\.)+[a-z]{2,}$/i;

/**
 * What the link form stores for what a writer typed, or null if it is no usable link. A bare domain
 * (`example.com/docs`) becomes an https link and an e-mail address a mailto: link; otherwise it must
 * be a safe absolute URL or a path, fragment or query on this site (a bare word would resolve against
 * the post's own URL, /blog/…).
 */
export function linkHrefFromInput(raw: string): string | null {
  const input = raw.trim();
  if (input === "") return null;
  if (BARE_DOMAIN.test(input)) return safeHref(`https://${input}`);
  if (EMAIL.test(input)) return safeHref(`mailto:${input}`);
  const href = safeHref(input);
  if (!href) return null;
  const normalised = stripIgnored(href);
  return isExternalHref(normalised) || /^[/#?]/.test(normalised) || /^\.\.?\//.test(normalised) ? href : null;
}

/** The src if it is an http(s) URL or a path on this site, else null (no data:, javascript: or blob:). */
export function safeImageSrc(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const src = raw.trim();
  if (src === "" || src.length > 2048) return null;
  const normalised = stripIgnored(src);
  if (isSitePath(normalised)) return src;
  if (normalised.startsWith("/")) return null;
  try {
    const url = new URL(normalised);
    return url.protocol === "https:" || url.protocol === "http:" ? src : null;
  } catch {
    return null;
  }
}
