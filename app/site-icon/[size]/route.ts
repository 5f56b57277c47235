import { SITE_ICON_SIZES, siteIconResponse, type SiteIconSize } from "@/lib/site/icon";

const isIconSize = (value: number): value is SiteIconSize => (SITE_ICON_SIZES as readonly number[]).includes(value);

/** The site icon at one of SITE_ICON_SIZES ("/site-icon/192"), for the web app manifest; 404 for other sizes. */
export async function GET(_request: Request, { params }: { params: Promise<{ size: string }> }): Promise<Response> {
  const size = Number((await params).size);
  if (!/^\d+$/.test((await params).size) || !isIconSize(size)) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return siteIconResponse(size);
}
