import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { avatarKey, isAvatarKey, processAvatar } from "@/lib/staff/avatar-image";
import { AVATAR_PIXELS, MAX_AVATAR_BYTES, avatarSrc } from "@/lib/staff/avatar-limits";
import { isStorageKey } from "@/lib/storage";

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: "Someone private" } })
    .toBuffer();

async function refusal(input: Uint8Array): Promise<DomainError> {
  const error = await processAvatar("user-1", input).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("INVALID_INPUT");
  return error as DomainError;
}

describe("processAvatar", () => {
  it("crops a landscape photo square, AVATAR_PIXELS wide, as WebP without metadata", async () => {
    const avatar = await processAvatar("user-1", await photo(900, 400));
    const meta = await sharp(avatar.data).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([AVATAR_PIXELS, AVATAR_PIXELS]);
    expect(meta.exif).toBeUndefined();
    expect(isAvatarKey(avatar.key)).toBe(true);
    expect(isStorageKey(avatar.key)).toBe(true);
  });

  it("enlarges a small picture to the same square", async () => {
    const avatar = await processAvatar("user-1", await sharp({ create: { width: 40, height: 60, channels: 4, background: "#ff0000" } }).png().toBuffer());
    const meta = await sharp(avatar.data).metadata();
    expect([meta.width, meta.height]).toEqual([AVATAR_PIXELS, AVATAR_PIXELS]);
  });

  it("refuses SVG, text, empty and oversized files", async () => {
    await refusal(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    await refusal(new TextEncoder().encode("just some text, named photo.jpg"));
    await refusal(new Uint8Array());
    await refusal(new Uint8Array(MAX_AVATAR_BYTES + 1));
  });

  it("refuses a truncated JPEG", async () => {
    const whole = await photo(300, 300);
    await refusal(whole.subarray(0, 200));
  });
});

describe("avatarKey", () => {
  it("differs per user for the same bytes, and per bytes for the same user", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(avatarKey("a", bytes)).not.toBe(avatarKey("b", bytes));
    expect(avatarKey("a", bytes)).not.toBe(avatarKey("a", new Uint8Array([1, 2, 4])));
    expect(avatarKey("a", bytes)).toBe(avatarKey("a", new Uint8Array([1, 2, 3])));
  });

  it("accepts only its own shape", () => {
    expect(isAvatarKey("0123456789abcdef01234567.jpg")).toBe(false);
    expect(isAvatarKey("avatar-../../etc.webp")).toBe(false);
    expect(isAvatarKey("avatar-0123456789abcdef01234567.webp")).toBe(true);
  });
});

describe("avatarSrc", () => {
  it("is the media path, or null", () => {
    expect(avatarSrc("avatar-0123456789abcdef01234567.webp")).toBe("/media/avatar-0123456789abcdef01234567.webp");
    expect(avatarSrc(null)).toBeNull();
  });
});
