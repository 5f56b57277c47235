/** Up to two initials of a person's name, for an avatar without a photo ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}
