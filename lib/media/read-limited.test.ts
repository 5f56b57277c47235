import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readLimited } from "@/lib/media/read-limited";

function streamOf(chunks: number[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const size = chunks[i++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(i));
    },
    cancel: onCancel,
  });
}

describe("readLimited", () => {
  it("joins the chunks of a body within the limit", async () => {
    const body = await readLimited(streamOf([3, 2]), 5);
    expect([...body]).toEqual([1, 1, 1, 2, 2]);
  });

  it("stops reading and cancels the stream once the limit is passed", async () => {
    let cancelled = false;
    let pulled = 0;
    const chunks = [4, 4, 4, 4];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const size = chunks[pulled++];
        if (size === undefined) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(readLimited(stream, 6)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(chunks.length);
  });

  it("reads a missing body as empty", async () => {
    expect((await readLimited(null, 10)).byteLength).toBe(0);
  });
});
