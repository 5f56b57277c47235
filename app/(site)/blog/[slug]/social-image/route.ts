import { getPostSocialImage } from "@/lib/social-image";

/** The generated social card of a published post (used when the post has no feature image); 404 otherwise. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const png = await getPostSocialImage(slug);
  if (!png) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(png, {
    headers: {
      "Content-Type": "image/png",
      // Crawlers re-fetch cards rarely; an edit changes the ?v= in the page's og:image instead.
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    },
  });
}
