import Bowser from "bowser";

/** "Chrome on macOS", "Firefox", "Unknown browser": a session's browser as a person recognises it. */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent?.trim()) return "Unknown browser";
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  const os = parser.getOSName();
  if (browser && os) return `${browser} on ${os}`;
  return browser || (os ? `A browser on ${os}` : "Unknown browser");
}
