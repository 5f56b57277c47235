import { scopedFeedHandler } from "@/lib/feeds";

export const GET = scopedFeedHandler("author", "json");
