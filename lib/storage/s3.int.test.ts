/**
 * The S3 driver against a real S3-compatible server (s3rver, started here): the same contract as the
 * disk driver (put/get/stream/delete, ranges, missing keys, key checks), content types recorded, a
 * prefix kept, and wrong credentials failing loudly rather than reading as "missing".
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageSettings } from "@/lib/storage/config";
import { createS3Storage, type S3Storage } from "@/lib/storage/s3";
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from "@/tests/s3-server";

let s3: LocalS3;
let store: S3Storage;

const settingsFor = (extra: Record<string, string> = {}) =>
  storageSettings({
    MEDIA_STORAGE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    ...extra,
  });

beforeAll(async () => {
  s3 = await startLocalS3();
  const settings = settingsFor({ S3_PREFIX: "quire/media/" });
  if (settings.driver !== "s3") throw new Error("expected the s3 driver");
  store = createS3Storage(settings);
});
afterAll(() => s3?.close());

const text = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString() : null);

describe("S3Storage", () => {
  it("puts, gets, streams and deletes by key under its prefix, recording the content type", async () => {
    await store.put("one.txt", Buffer.from("hello"), "text/plain");
    expect(text(await store.get("one.txt"))).toBe("hello");
    const streamed = await store.stream("one.txt");
    expect(streamed).toMatchObject({ bytes: 5, totalBytes: 5 });
    expect(streamed?.range).toBeUndefined();
    expect(await new Response(streamed!.body).text()).toBe("hello");

    const raw = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_KEYS });
    const object = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "quire/media/one.txt" }));
    expect(object.ContentType).toBe("text/plain");
    await object.Body?.transformToString();

    await store.delete("one.txt");
    expect(await store.get("one.txt")).toBeNull();
    expect(await store.stream("one.txt")).toBeNull();
  });

  it("streams a byte range, clamped to the object, and an empty body for a range past its end", async () => {
    await store.put("digits.bin", Buffer.from("0123456789"), "application/octet-stream");
    const middle = await store.stream("digits.bin", { start: 2, end: 5 });
    expect(middle).toMatchObject({ bytes: 4, totalBytes: 10, range: { start: 2, end: 5 } });
    expect(await new Response(middle!.body).text()).toBe("2345");

    const tail = await store.stream("digits.bin", { start: 7 });
    expect(tail).toMatchObject({ bytes: 3, totalBytes: 10, range: { start: 7, end: 9 } });
    expect(await new Response(tail!.body).text()).toBe("789");

    const past = await store.stream("digits.bin", { start: 10 });
    expect(past).toMatchObject({ bytes: 0, totalBytes: 10 });
    expect(past?.range).toBeUndefined();
    expect(await new Response(past!.body).text()).toBe("");

    expect(await store.stream("missing.bin", { start: 10 })).toBeNull();
    await expect(store.stream("digits.bin", { start: 5, end: 2 })).rejects.toThrow(/Bad range/);
  });

  it("replaces an object whole", async () => {
    await store.put("k.bin", Buffer.from("first"), "application/octet-stream");
    await store.put("k.bin", Buffer.from("second"), "application/octet-stream");
    expect(text(await store.get("k.bin"))).toBe("second");
  });

  it("answers null for a missing key and deletes missing keys quietly", async () => {
    expect(await store.get("missing.jpg")).toBeNull();
    expect(await store.stream("missing.jpg")).toBeNull();
    await expect(store.delete("missing.jpg")).resolves.toBeUndefined();
  });

  it("refuses keys that are not storage keys before any request", async () => {
    await expect(store.get("../secret")).rejects.toThrow(/Not a storage key/);
    await expect(store.stream("a/b")).rejects.toThrow(/Not a storage key/);
    await expect(store.put("../escape", Buffer.from("x"), "text/plain")).rejects.toThrow(/Not a storage key/);
    await expect(store.delete("..")).rejects.toThrow(/Not a storage key/);
  });

  it("fails on wrong credentials instead of reporting the object missing", async () => {
    const settings = settingsFor({ S3_SECRET_ACCESS_KEY: "wrong-secret" });
    if (settings.driver !== "s3") throw new Error("expected the s3 driver");
    const wrong = createS3Storage(settings);
    await store.put("guarded.txt", Buffer.from("x"), "text/plain");
    await expect(wrong.get("guarded.txt")).rejects.toThrow();
    await expect(wrong.put("other.txt", Buffer.from("x"), "text/plain")).rejects.toThrow();
  });
});
