/** Only same-site paths are followed after sign-in; anything else goes to the admin home. */
export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw) return "/admin";
  const normalised = raw.replace(/[\u0000-\u0020\u007f]/g, "");
  if (!normalised.startsWith("/") || normalised.startsWith("//") || normalised.includes("\\")) return "/admin";
  return raw;
}
