import { sitemapResponse } from "@/lib/sitemap";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  return sitemapResponse(file);
}
