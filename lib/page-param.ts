/** The page number in a "/…/page/[page]" URL: "2" → 2; anything not written as a canonical positive integer ("02", "1e3", "-1") → null. */
export function parsePageParam(raw: string): number | null {
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}
