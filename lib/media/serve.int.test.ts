/**
 * GET /media/<key> with and without a Range header (lib/media/serve.ts), on both storage drivers: the
 * local disk and an S3-compatible store (s3rver, started here).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaResponse, parseRangeHeader } from "@/lib/media/serve";
import { storageSettings } from "@/lib/storage/config";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { createS3Storage } from "@/lib/storage/s3";
import type { ObjectStorage } from "@/lib/storage/storage";
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from "@/tests/s3-server";

const KEY = "abc123.png";
const BYTES = Buffer.from("0123456789");

let dir: string;
let s3: LocalS3;
const stores: Record<string, ObjectStorage> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "quire-serve-"));
  stores.disk = new LocalDiskStorage(dir);
  s3 = await startLocalS3();
  const settings = storageSettings({
    MEDIA_STORAGE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  });
  if (settings.driver !== "s3") throw new Error("expected the s3 driver");
  stores.s3 = createS3Storage(settings);
  await Promise.all(Object.values(stores).map((store) => store.put(KEY, BYTES, "image/png")));
});
afterAll(async () => {
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const get = (store: ObjectStorage, headers: Record<string, string> = {}, key = KEY) =>
  mediaResponse(store, key, "image/png", new Request("http://quire.test/media/" + key, { headers }));

describe("parseRangeHeader", () => {
  it.each([
    ["bytes=2-5", { start: 2, end: 5 }],
    ["bytes=7-", { start: 7 }],
    ["bytes=-3", { suffix: 3 }],
    ["BYTES = 0 - 0", { start: 0, end: 0 }],
  ])("reads %s", (header, range) => expect(parseRangeHeader(header)).toEqual(range));

  it.each([null, "", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,4-5", "items=0-1", "bytes=a-b", "bytes=99999999999999999999-"])(
    "answers the whole object for %s",
    (header) => expect(parseRangeHeader(header)).toBeNull(),
  );
});

describe.each(["disk", "s3"])("GET /media/<key> on the %s driver", (driver) => {
  const store = () => stores[driver]!;

  it("serves the whole file with Accept-Ranges when no range is asked for", async () => {
    const response = await get(store());
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe("10");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-range")).toBeNull();
    expect(await response.text()).toBe("0123456789");
  });

  it.each([
    ["bytes=2-5", "2345", "bytes 2-5/10"],
    ["bytes=7-", "789", "bytes 7-9/10"],
    ["bytes=8-100", "89", "bytes 8-9/10"],
    ["bytes=-3", "789", "bytes 7-9/10"],
    ["bytes=-50", "0123456789", "bytes 0-9/10"],
  ])("answers %s with 206 and those bytes", async (range, body, contentRange) => {
    const response = await get(store(), { Range: range });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(contentRange);
    expect(response.headers.get("content-length")).toBe(String(body.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(await response.text()).toBe(body);
  });

  it.each(["bytes=10-", "bytes=50-60", "bytes=-0"])("answers %s, which names no byte of it, with 416", async (range) => {
    const response = await get(store(), { Range: range });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */10");
    expect(await response.text()).toBe("");
  });

  it("answers a malformed or multiple range with the whole file", async () => {
    for (const range of ["bytes=5-2", "bytes=0-1,4-5", "pages=1-2"]) {
      const response = await get(store(), { Range: range });
      expect(response.status, range).toBe(200);
      expect(await response.text()).toBe("0123456789");
    }
  });

  it("honours If-Range only when it names this file's ETag", async () => {
    const etag = (await get(store())).headers.get("etag")!;
    expect((await get(store(), { Range: "bytes=0-1", "If-Range": etag })).status).toBe(206);
    const stale = await get(store(), { Range: "bytes=0-1", "If-Range": '"something-else"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe("0123456789");
  });

  it("answers 404 for a missing file, with or without a range", async () => {
    for (const headers of [{}, { Range: "bytes=0-1" }, { Range: "bytes=-2" }] as Record<string, string>[]) {
      expect((await get(store(), headers, "missing1.png")).status).toBe(404);
    }
  });
});
