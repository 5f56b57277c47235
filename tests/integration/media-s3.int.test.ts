/**
 * Uploads, the backfill of missing copies and the file route on the S3 driver, against a real
 * S3-compatible server (s3rver, started here): AVIF copies are stored as objects typed image/avif and
 * served as such.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMediaFile } from "@/app/media/[key]/route";
import { db } from "@/lib/db";
import { backfillMediaVariants } from "@/lib/media/backfill";
import { processImage } from "@/lib/media/image";
import { createMedia, variantsOf } from "@/lib/media/media";
import type { SessionUser } from "@/lib/users";
import { createStaff, removeCreatedData } from "@/tests/integration/fixtures";
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from "@/tests/s3-server";

const PREFIX = "quire/media/";
const ENV = ["MEDIA_STORAGE", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "S3_PREFIX"] as const;
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

let s3: LocalS3;
let raw: S3Client;
let author: SessionUser;
const created: string[] = [];

beforeAll(async () => {
  s3 = await startLocalS3();
  // Read at the first use of the store (lib/storage/index.ts), which comes after this.
  Object.assign(process.env, {
    MEDIA_STORAGE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    S3_PREFIX: PREFIX,
  });
  raw = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_KEYS });
  author = await createStaff("AUTHOR");
});

afterAll(async () => {
  await db.media.deleteMany({ where: { id: { in: created } } });
  await removeCreatedData();
  await s3?.close();
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

async function upload(width: number) {
  const png = await sharp({ create: { width, height: 300, channels: 3, background: { r: 30, g: Math.floor(Math.random() * 256), b: Math.floor(Math.random() * 256) } } }).png().toBuffer();
  const item = await createMedia(author, { originalName: "bucket.png", image: await processImage(png) });
  created.push(item.id);
  return item;
}

const objectType = (key: string) =>
  raw.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: PREFIX + key })).then(
    (head) => head.ContentType ?? null,
    () => null,
  );

describe("media on the S3 driver", () => {
  it("stores AVIF and WebP copies as typed objects, and the file route serves the AVIF one as image/avif", async () => {
    const item = await upload(700);
    const base = item.key.replace(".png", "");
    for (const width of [320, 640, 700]) {
      expect(await objectType(`${base}-${width}.avif`)).toBe("image/avif");
      expect(await objectType(`${base}-${width}.webp`)).toBe("image/webp");
    }
    expect(await objectType(item.key)).toBe("image/png");
    const stored = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}${base}-320.avif` }));
    expect((await sharp(await stored.Body!.transformToByteArray()).metadata()).compression).toBe("av1");

    const key = `${base}-640.avif`;
    const response = await getMediaFile(new Request(`http://quire.test/media/${key}`), { params: Promise.resolve({ key }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/avif");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(640);
  });

  it("backfills an older upload's AVIF copies into the bucket", async () => {
    const item = await upload(500);
    const base = item.key.replace(".png", "");
    // As uploads were before AVIF copies: none in the bucket, none on the row.
    const variants = variantsOf((await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } })).variants);
    for (const variant of variants.filter((v) => v.key.endsWith(".avif"))) await raw.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: PREFIX + variant.key }));
    await db.media.update({ where: { id: item.id }, data: { variants: variants.filter((v) => v.key.endsWith(".webp")) as unknown as object[] } });
    expect(await objectType(`${base}-320.avif`)).toBeNull();

    const filled: string[] = [];
    let after: string | undefined;
    do {
      const batch = await backfillMediaVariants({ after });
      filled.push(...batch.filled);
      after = batch.next ?? undefined;
    } while (after !== undefined);
    expect(filled).toContain(item.key);
    for (const width of [320, 500]) expect(await objectType(`${base}-${width}.avif`)).toBe("image/avif");
  });
});
