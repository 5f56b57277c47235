/** Used when neither the site setting nor SITE_TIMEZONE names a zone. */
export const DEFAULT_TIME_ZONE = "UTC";

/** The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or null if Intl does not know it. */
export function canonicalTimeZone(raw: string): string | null {
  const value = raw.trim();
  if (value === "" || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Every IANA zone this runtime knows, for the settings form's list. */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(DEFAULT_TIME_ZONE) ? zones : [DEFAULT_TIME_ZONE, ...zones];
}
