/** Next's file-system page cache with tag invalidations kept across restarts. */
export default class PersistentTagsCache {
  constructor(ctx: { serverDistDir?: string; [option: string]: unknown });
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
