import slugifyLib from "@sindresorhus/slugify";

export const MAX_SLUG_LENGTH = 96;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** URL slug for a title or name: lowercase ASCII words joined by hyphens, "" when nothing usable remains. */
export function slugify(input: string): string {
  const slug = slugifyLib(input, { decamelize: false }).slice(0, MAX_SLUG_LENGTH);
  return slug.replace(/-+$/, "");
}

/** The first of `base`, `base-2`, `base-3`, … for which `isTaken` is false. */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  const root = base || "untitled";
  for (let n = 1; n <= 10_000; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const candidate = root.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, "") + suffix;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error(`No free slug found for "${root}".`);
}
