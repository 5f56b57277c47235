import { afterEach, describe, expect, it, vi } from "vitest";

// Counts loads of the S3 SDK; its client is replaced so that no request leaves the process.
const sdk = vi.hoisted(() => ({ loads: 0, sent: [] as string[] }));
vi.mock("@aws-sdk/client-s3", async (importOriginal) => {
  sdk.loads++;
  const original = await importOriginal<typeof import("@aws-sdk/client-s3")>();
  class S3Client {
    async send(command: { constructor: { name: string } }) {
      sdk.sent.push(command.constructor.name);
      return {};
    }
  }
  return { ...original, S3Client };
});

afterEach(() => vi.unstubAllEnvs());

describe("mediaStorage with MEDIA_STORAGE=s3", () => {
  it("loads the S3 SDK on the first media operation, not when the store is chosen", async () => {
    vi.stubEnv("MEDIA_STORAGE", "s3");
    vi.stubEnv("S3_BUCKET", "quire-media");
    const { mediaStorage } = await import("@/lib/storage");
    const store = mediaStorage();
    expect(sdk.loads).toBe(0);

    await store.delete("a1b2.webp");
    expect(sdk.loads).toBe(1);
    expect(sdk.sent).toEqual(["DeleteObjectCommand"]);
    expect(mediaStorage()).toBe(store);
  });
});
