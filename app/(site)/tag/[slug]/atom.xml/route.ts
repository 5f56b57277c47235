import { scopedFeedHandler } from "@/lib/feeds";

export const GET = scopedFeedHandler("tag", "atom");
