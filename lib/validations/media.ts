import { z } from "zod";

export const MAX_ALT_LENGTH = 500;
export const MAX_CAPTION_LENGTH = 500;

const alt = z.string().trim().max(MAX_ALT_LENGTH, `Alt text must be at most ${MAX_ALT_LENGTH} characters.`);

/** The media library's alt text form. */
export const UpdateMediaAltInput = z.object({ id: z.string().min(1).max(64), alt });
export type UpdateMediaAltInput = z.infer<typeof UpdateMediaAltInput>;

export const DeleteMediaInput = z.object({ id: z.string().min(1).max(64) });
export type DeleteMediaInput = z.infer<typeof DeleteMediaInput>;

/** The editor's feature image field; an empty src removes the image. */
export const SetFeatureImageInput = z.object({
  postId: z.string().min(1).max(64),
  src: z.string().trim().max(2048, "The image address is too long."),
  alt,
  caption: z.string().trim().max(MAX_CAPTION_LENGTH, `The caption must be at most ${MAX_CAPTION_LENGTH} characters.`),
});
export type SetFeatureImageInput = z.infer<typeof SetFeatureImageInput>;

/** The media library's search box. */
export const MediaSearchInput = z.string().trim().max(200).catch("");
