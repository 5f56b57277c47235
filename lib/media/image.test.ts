import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { processImage } from "@/lib/media/image";
import { sniffImageType } from "@/lib/media/sniff";
import { MAX_UPLOAD_BYTES } from "@/lib/media/variants";

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

/** The tag that points at EXIF's GPS block (0x8825), in either byte order. */
const hasGpsPointer = (exif: Buffer | undefined) =>
  exif !== undefined && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

async function jpegWithGps(width: number, height: number, orientation = 1) {
  return solid(width, height)
    .jpeg()
    .withMetadata({ orientation })
    .withExifMerge({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" } })
    .toBuffer();
}

async function refusal(input: Uint8Array): Promise<DomainError> {
  const error = await processImage(input).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("sniffImageType", () => {
  it("decides by content", async () => {
    expect(sniffImageType(await solid(4, 4).png().toBuffer())).toBe("png");
    expect(sniffImageType(await solid(4, 4).jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageType(await solid(4, 4).webp().toBuffer())).toBe("webp");
    expect(sniffImageType(await solid(4, 4).gif().toBuffer())).toBe("gif");
    expect(sniffImageType(await solid(16, 16).avif().toBuffer())).toBe("avif");
  });

  it("recognises SVG with or without an XML declaration, and calls text unknown", () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(sniffImageType(encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe("svg");
    expect(sniffImageType(encode('\uFEFF  <?xml version="1.0"?>\n<svg></svg>'))).toBe("svg");
    expect(sniffImageType(encode("just some text, renamed to .png"))).toBe("unknown");
    expect(sniffImageType(new Uint8Array())).toBe("unknown");
  });
});

describe("processImage", () => {
  it("re-encodes a JPEG without any EXIF (GPS included), orientation applied, and makes AVIF and WebP copies", async () => {
    // Orientation 6: the stored pixels are 400×300 and the camera says "rotate 90°", so it shows 300×400.
    const input = await jpegWithGps(400, 300, 6);
    const inputMeta = await sharp(input).metadata();
    expect(hasGpsPointer(inputMeta.exif)).toBe(true);
    expect(inputMeta.orientation).toBe(6);

    const result = await processImage(input);
    expect(result.format).toBe("jpeg");
    expect(result.mimeType).toBe("image/jpeg");
    expect(result.original).toMatchObject({ width: 300, height: 400 });
    expect(result.original.key).toMatch(/^[a-f0-9]{24}\.jpg$/);
    expect(result.variants.map((variant) => [variant.format, variant.width, variant.height])).toEqual([
      ["avif", 300, 400],
      ["webp", 300, 400],
    ]);
    for (const file of [result.original, ...result.variants]) {
      const meta = await sharp(file.data).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([file.width, file.height]);
    }
    expect((await sharp(result.variants[0]!.data).metadata()).format).toBe("heif");
    expect((await sharp(result.variants[0]!.data).metadata()).compression).toBe("av1");
    expect(result.variants[0]).toMatchObject({ mimeType: "image/avif", key: result.original.key.replace(".jpg", "-300.avif") });
    expect((await sharp(result.variants[1]!.data).metadata()).format).toBe("webp");
  });

  it("makes one copy per planned width in each format, each no wider than the image", async () => {
    const result = await processImage(await solid(1000, 500).png().toBuffer());
    expect(result.original.key).toMatch(/\.png$/);
    for (const format of ["avif", "webp"] as const) {
      const copies = result.variants.filter((variant) => variant.format === format);
      expect(copies.map((variant) => variant.width)).toEqual([320, 640, 960, 1000]);
      expect(copies.map((variant) => variant.height)).toEqual([160, 320, 480, 500]);
      expect(copies.map((variant) => variant.key)).toEqual([320, 640, 960, 1000].map((w) => result.original.key.replace(".png", `-${w}.${format}`)));
      for (const copy of copies) expect((await sharp(copy.data).metadata()).width).toBe(copy.width);
    }
  });

  it("makes WebP copies only of an animation, keeping its frames", async () => {
    const frame = (background: string) => sharp({ create: { width: 40, height: 60, channels: 3, background } }).png().toBuffer();
    const frames = await sharp([await frame("red"), await frame("green"), await frame("blue")], { join: { animated: true } }).gif().toBuffer();
    const result = await processImage(frames);
    expect(result.variants.map((variant) => [variant.format, variant.width, variant.height])).toEqual([["webp", 40, 60]]);
    expect((await sharp(result.variants[0]!.data, { animated: true }).metadata()).pages).toBe(3);
  });

  it("gives the same key to the same image uploaded twice", async () => {
    const input = await solid(50, 40).png().toBuffer();
    expect((await processImage(input)).original.key).toBe((await processImage(input)).original.key);
  });

  it("keeps a GIF's frame size, not the height of its frame strip", async () => {
    const result = await processImage(await solid(40, 30).gif().toBuffer());
    expect(result.original).toMatchObject({ width: 40, height: 30 });
  });

  it("refuses text renamed to .png, naming what it accepts", async () => {
    const error = await refusal(new TextEncoder().encode("hello, I am not a picture"));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/JPEG, PNG, WebP, AVIF or GIF/);
  });

  it("refuses SVG, saying why", async () => {
    const error = await refusal(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'));
    expect(error.message).toMatch(/SVG files are not accepted/);
  });

  it("refuses a file whose header is an image but whose body is not", async () => {
    const png = await solid(20, 20).png().toBuffer();
    const error = await refusal(Buffer.concat([png.subarray(0, 16), Buffer.from("garbage".repeat(10))]));
    expect(error.message).toMatch(/could not be read/);
  });

  it("refuses files over the size limit, stating the limit", async () => {
    const error = await refusal(new Uint8Array(MAX_UPLOAD_BYTES + 1));
    expect(error.message).toMatch(/up to 10 MB/);
  });

  it("refuses images with more pixels than the limit", async () => {
    // 10000×6000 of one colour compresses to a few KB but would decode to 60 megapixels.
    const input = await sharp({ create: { width: 10000, height: 6000, channels: 3, background: "black" } }).png({ compressionLevel: 9 }).toBuffer();
    const error = await refusal(input);
    expect(error.message).toMatch(/megapixels/);
  });
});
