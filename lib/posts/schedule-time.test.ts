import { describe, expect, it } from "vitest";
import { dateToWallTime, formatInZone, isTimeZone, wallTimeToDate } from "@/lib/posts/schedule-time";

describe("wall times in the site's time zone", () => {
  it("reads a wall time in UTC and in zones either side of it", () => {
    expect(wallTimeToDate("2026-12-05T14:30", "UTC")?.toISOString()).toBe("2026-12-05T14:30:00.000Z");
    expect(wallTimeToDate("2026-12-05T14:30:15", "Europe/Berlin")?.toISOString()).toBe("2026-12-05T13:30:15.000Z");
    expect(wallTimeToDate("2026-07-05T14:30", "Europe/Berlin")?.toISOString()).toBe("2026-07-05T12:30:00.000Z");
    expect(wallTimeToDate("2026-12-05T09:00", "America/New_York")?.toISOString()).toBe("2026-12-05T14:00:00.000Z");
    expect(wallTimeToDate("2026-12-05T09:00", "Asia/Kolkata")?.toISOString()).toBe("2026-12-05T03:30:00.000Z");
  });

  it("handles the hours around daylight-saving changes", () => {
    // Berlin, 29 March 2026: 02:00 becomes 03:00; 01:59 is still winter time.
    expect(wallTimeToDate("2026-03-29T01:59", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(wallTimeToDate("2026-03-29T03:00", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // A skipped time still names an instant rather than failing.
    expect(wallTimeToDate("2026-03-29T02:30", "Europe/Berlin")).not.toBeNull();
  });

  it("refuses what is not a wall time", () => {
    for (const text of ["", "2026-12-05", "2026-12-05 14:30", "2026-02-30T10:00", "2026-12-05T24:00", "tomorrow"]) {
      expect(wallTimeToDate(text, "UTC")).toBeNull();
    }
  });

  it("writes an instant back as the same wall time", () => {
    const at = new Date("2026-12-05T13:30:15.000Z");
    expect(dateToWallTime(at, "Europe/Berlin")).toBe("2026-12-05T14:30:15");
    expect(wallTimeToDate(dateToWallTime(at, "America/New_York"), "America/New_York")?.getTime()).toBe(at.getTime());
    expect(formatInZone(at, "UTC")).toBe("5 Dec 2026, 13:30 (UTC)");
  });

  it("knows time zones", () => {
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
