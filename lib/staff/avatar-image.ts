import "server-only";
import { createHash } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { loadSharp } from "@/lib/media/sharp";
import { sniffImageType } from "@/lib/media/sniff";
import { MAX_UPLOAD_PIXELS, formatBytes } from "@/lib/media/variants";
import { AVATAR_PIXELS, MAX_AVATAR_BYTES } from "@/lib/staff/avatar-limits";

export interface ProcessedAvatar {
  key: string;
  data: Buffer;
}

const refuse = (message: string) => new DomainError("INVALID_INPUT", message);

/**
 * The storage key of a user's avatar: a hash of the user and the encoded bytes, so the same photo of two
 * people gives two keys (removing one never removes the other's) and a new photo never reuses a URL
 * that browsers cached for a year.
 */
export function avatarKey(userId: string, data: Uint8Array): string {
  return `avatar-${createHash("sha256").update(userId).update("\n").update(data).digest("hex").slice(0, 24)}.webp`;
}

/** Whether a key was made by avatarKey (the only keys a user's avatarKey may hold). */
export function isAvatarKey(key: string): boolean {
  return /^avatar-[a-f0-9]{24}\.webp$/.test(key);
}

/**
 * Turns an uploaded photo into the avatar: type decided by content (JPEG, PNG, WebP, AVIF, GIF; never
 * SVG), EXIF orientation applied, cropped square around the most interesting part, AVATAR_PIXELS wide,
 * WebP without metadata; an animation keeps its first frame. Throws DomainError("INVALID_INPUT").
 */
export async function processAvatar(userId: string, input: Uint8Array): Promise<ProcessedAvatar> {
  if (input.byteLength === 0) throw refuse("The file is empty.");
  if (input.byteLength > MAX_AVATAR_BYTES) throw refuse(`The file is ${formatBytes(input.byteLength)}; a profile photo may be up to ${formatBytes(MAX_AVATAR_BYTES)}.`);
  const type = sniffImageType(input);
  if (type === "svg") throw refuse("SVG files are not accepted: they can contain scripts. Use a JPEG, PNG or WebP photo.");
  if (type === "unknown") throw refuse("This file is not an image that can be used (whatever its name says). Use a JPEG, PNG, WebP, AVIF or GIF photo.");
  const sharp = await loadSharp();
  let data: Buffer;
  try {
    data = await sharp(input, { limitInputPixels: MAX_UPLOAD_PIXELS, failOn: "error" })
      .autoOrient()
      .resize(AVATAR_PIXELS, AVATAR_PIXELS, { fit: "cover", position: sharp.strategy.attention })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw refuse("This image is too large in pixels for a profile photo.");
    throw refuse(`This file could not be read as a ${type.toUpperCase()} image; it may be damaged.`);
  }
  return { key: avatarKey(userId, data), data };
}
