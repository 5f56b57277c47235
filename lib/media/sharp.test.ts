import { describe, expect, it, vi } from "vitest";

// Counts loads of sharp's module: the factory runs once, when something first imports it.
const loads = vi.hoisted(() => ({ sharp: 0 }));
vi.mock("sharp", async (importOriginal) => {
  loads.sharp++;
  return importOriginal();
});
vi.mock("next/cache", () => ({ cacheLife: () => undefined, cacheTag: () => undefined }));
vi.mock("@/lib/site", () => ({ getSiteSettings: async () => ({ icon: null, accentColor: null }) }));

describe("loadSharp", () => {
  it("leaves sharp unloaded until an image is processed, then loads it once", async () => {
    const [{ processImage }, { processAvatar }, { loadSharp }, { getSiteIconPng }] = await Promise.all([
      import("@/lib/media/image"),
      import("@/lib/staff/avatar-image"),
      import("@/lib/media/sharp"),
      // The other modules that use sharp: an icon or a page image reads it only when asked for.
      import("@/lib/site/icon"),
      import("@/lib/responsive-image"),
    ]);
    expect(loads.sharp).toBe(0);

    const png = await (await loadSharp())({ create: { width: 40, height: 30, channels: 3, background: "#c85028" } })
      .png()
      .toBuffer();
    expect(loads.sharp).toBe(1);
    const [image, avatar, icon] = await Promise.all([processImage(png), processAvatar("user-1", png), getSiteIconPng(32)]);
    expect(image.original).toMatchObject({ width: 40, height: 30 });
    expect(avatar.data.byteLength).toBeGreaterThan(0);
    expect(await (await loadSharp())(icon).metadata()).toMatchObject({ format: "png", width: 32, height: 32 });
    expect(await loadSharp()).toBe(await loadSharp());
    expect(loads.sharp).toBe(1);
  });
});
