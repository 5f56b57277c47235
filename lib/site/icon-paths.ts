/** Public paths of the site's icons; `version` (the settings' last save) makes browsers and readers fetch a new one. */
export function siteIconPath(kind: "favicon" | "apple", version: string): string {
  return `${kind === "favicon" ? "/favicon.ico" : "/apple-touch-icon.png"}?v=${version}`;
}
