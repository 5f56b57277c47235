import { getListSocialImage, socialImageResponse } from "@/lib/social-image";

/** The generated social card of an author's page (used when no default social image is set); 404 for unknown ones. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return socialImageResponse(await getListSocialImage({ kind: "author", slug }));
}
