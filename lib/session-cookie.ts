/**
 * The session cookie's name, shared by the auth configuration and the proxy; the proxy only checks that
 * the cookie exists (a redirect for convenience), so it needs neither next-auth nor the database.
 */
export const SESSION_COOKIE = "quire.session-token";
