import { describe, expect, it } from "vitest";
import { storageSettings } from "@/lib/storage/config";

describe("storageSettings", () => {
  it("is the local disk when nothing is set, with MEDIA_DIR when given", () => {
    expect(storageSettings({})).toEqual({ driver: "disk", dir: undefined });
    expect(storageSettings({ MEDIA_STORAGE: "disk", MEDIA_DIR: "/srv/media" })).toEqual({ driver: "disk", dir: "/srv/media" });
  });

  it("reads every S3 variable, with a default region, no prefix and virtual-host addressing", () => {
    expect(storageSettings({ MEDIA_STORAGE: "s3", S3_BUCKET: "media" })).toEqual({
      driver: "s3",
      bucket: "media",
      region: "us-east-1",
      endpoint: undefined,
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
      prefix: "",
    });
    expect(
      storageSettings({
        MEDIA_STORAGE: "s3",
        S3_BUCKET: "media",
        S3_REGION: "eu-central-1",
        S3_ENDPOINT: "http://minio:9000",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_FORCE_PATH_STYLE: "true",
        S3_PREFIX: "quire/media/",
      }),
    ).toMatchObject({ region: "eu-central-1", endpoint: "http://minio:9000", accessKeyId: "id", secretAccessKey: "secret", forcePathStyle: true, prefix: "quire/media/" });
  });

  it.each([
    [{ MEDIA_STORAGE: "s3" }, /S3_BUCKET/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_ENDPOINT: "minio:9000" }, /S3_ENDPOINT/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_PREFIX: "../x" }, /S3_PREFIX/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" }, /go together/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "yes" }, /S3_FORCE_PATH_STYLE/],
    [{ MEDIA_STORAGE: "ftp" }, /MEDIA_STORAGE/],
  ])("refuses %o", (source, message) => expect(() => storageSettings(source)).toThrow(message));
});
