import { getListSocialImage, socialImageResponse } from "@/lib/social-image";

// Public and the same for every request: rendered once into the page cache, until a write expires it.
export const dynamic = "force-static";

/** The home page's generated social card (used when no default social image is set). */
export async function GET(): Promise<Response> {
  return socialImageResponse(await getListSocialImage({ kind: "site" }));
}
