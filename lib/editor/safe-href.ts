const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The href if it is safe to put in a link (http, https, mailto, or a relative path/fragment), else null.
 * Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so those
 * are stripped before the scheme is read.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const href = raw.trim();
  if (href === "" || href.length > 2048) return null;
  const normalised = href.replace(/[\u0000-\u0020\u007f]/g, "");
  if (normalised.startsWith("//") || normalised.startsWith("\\")) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(normalised);
  if (!scheme) {
    return /^[/#?.]|^[\w-]/.test(href) ? href : null;
  }
  return ALLOWED_PROTOCOLS.has(scheme[0].toLowerCase()) ? href : null;
}

/** The src if it is an http(s) URL or a site-relative path, else null (no data:, javascript: or blob:). */
export function safeImageSrc(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const src = raw.trim();
  if (src === "" || src.length > 2048) return null;
  if (src.startsWith("/") && !src.startsWith("//") && !src.startsWith("/\\")) return src;
  try {
    const url = new URL(src);
    return url.protocol === "https:" || url.protocol === "http:" ? src : null;
  } catch {
    return null;
  }
}
