/**
 * The session cookie's name, shared by the auth configuration and the proxy; the proxy only checks that
 * the cookie exists (a redirect for convenience), so it needs neither next-auth nor the database.
 * Behind HTTPS it carries the `__Secure-` prefix, which browsers accept only with the Secure flag from a
 * secure origin, so a plain-HTTP page on the same host cannot plant or overwrite it.
 */
export function sessionCookieName(siteUrl: string | undefined = process.env.SITE_URL): string {
  return isSecureSite(siteUrl) ? "__Secure-quire.session-token" : "quire.session-token";
}

/** Whether the site is served over HTTPS, so its cookies must be Secure. */
export function isSecureSite(siteUrl: string | undefined = process.env.SITE_URL): boolean {
  return siteUrl?.trim().toLowerCase().startsWith("https://") ?? false;
}

/** Both possible names: the proxy's presence check must not depend on how its bundle saw SITE_URL. */
export const SESSION_COOKIE_NAMES = [sessionCookieName("http://"), sessionCookieName("https://")] as const;
