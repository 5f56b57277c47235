/** Next's file-system page cache; pages cached before this server started count as expired. */
export const ROOT_LAYOUT_TAG: string;
export default class CacheFromThisStart {
  constructor(ctx: { serverDistDir?: string; [option: string]: unknown });
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
