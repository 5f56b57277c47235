import { describe, expect, it } from "vitest";
import { canonicalTimeZone, listTimeZones } from "@/lib/site/timezone";

describe("time zones", () => {
  it("accepts IANA names in canonical spelling and refuses others", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    for (const bad of ["", "Mars/Olympus_Mons", "Europe", "+02:00x", "x".repeat(65)]) expect(canonicalTimeZone(bad)).toBeNull();
  });

  it("lists UTC and the runtime's zones", () => {
    const zones = listTimeZones();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Asia/Tokyo");
  });
});
