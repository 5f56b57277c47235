const BASE = "http://quire.invalid";

/**
 * Only same-site paths are followed after sign-in; anything else goes to the admin home. The path is
 * resolved as a browser would (WHATWG URL: backslashes, tabs and newlines, scheme-relative `//host`) and
 * kept only if it stays on this origin; what is returned is that resolved path, never the raw input.
 */
export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith("/") || /[\u0000-\u0020\u007f\\]/.test(raw.slice(0, 2))) return "/admin";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/admin";
  }
  if (url.origin !== BASE) return "/admin";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Resolution can still leave "//x" in the path (e.g. "/.//x"), which a later hop could read as a host.
  return path.startsWith("//") || path.startsWith("/\\") ? "/admin" : path;
}
