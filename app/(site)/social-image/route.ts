import { getListSocialImage, socialImageResponse } from "@/lib/social-image";

/** The home page's generated social card (used when no default social image is set). */
export async function GET(): Promise<Response> {
  return socialImageResponse(await getListSocialImage({ kind: "site" }));
}
