import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcToZonedLocal, zonedLocalToUtc, zoneOffsetMs } from "./phases-clock";

const HCM = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";

describe("zonedLocalToUtc", () => {
  it("reads Ho Chi Minh City wall-clock times as UTC+7 all year round", () => {
    expect(zonedLocalToUtc("2026-05-19T17:00", HCM).toISOString()).toBe("2026-05-19T10:00:00.000Z");
    expect(zonedLocalToUtc("2026-01-01T00:00", HCM).toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-01T06:59", HCM).toISOString()).toBe("2026-06-30T23:59:00.000Z");
  });

  it("follows Berlin's daylight saving time (CET UTC+1 in winter, CEST UTC+2 in summer)", () => {
    expect(zonedLocalToUtc("2026-01-15T12:00", BERLIN).toISOString()).toBe("2026-01-15T11:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-15T12:00", BERLIN).toISOString()).toBe("2026-07-15T10:00:00.000Z");
    // The days of the change: just before and after.
    expect(zonedLocalToUtc("2026-03-29T01:59", BERLIN).toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedLocalToUtc("2026-03-29T03:00", BERLIN).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zonedLocalToUtc("2026-10-25T03:00", BERLIN).toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it("moves a time inside the spring-forward gap forward by the gap", () => {
    // 02:30 does not exist on 29 March 2026 in Berlin; it is read as 03:30 CEST.
    const t = zonedLocalToUtc("2026-03-29T02:30", BERLIN);
    expect(t.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToZonedLocal(t, BERLIN)).toBe("2026-03-29T03:30");
  });

  it("takes the earlier of a time repeated at fall-back", () => {
    // 02:30 happens twice on 25 October 2026 in Berlin: first in CEST (00:30 UTC), then CET (01:30 UTC).
    expect(zonedLocalToUtc("2026-10-25T02:30", BERLIN).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses malformed or impossible input and unknown zones", () => {
    expect(() => zonedLocalToUtc("2026-02-30T10:00", HCM)).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-02-10 10:00", HCM)).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-02-10T24:00", HCM)).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-02-10T10:00", "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("round-trips with utcToZonedLocal for every existing wall-clock time", () => {
    const minutes = fc.integer({ min: 0, max: 60 * 24 * 366 * 3 }); // 2025–2027, minute resolution
    fc.assert(
      fc.property(minutes, fc.constantFrom(HCM, BERLIN, "America/New_York", "UTC"), (m, zone) => {
        const instant = new Date(Date.UTC(2025, 0, 1) + m * 60_000);
        const local = utcToZonedLocal(instant, zone);
        const back = zonedLocalToUtc(local, zone);
        // Exactly the instant, except the later of a repeated hour, which maps to the earlier one.
        expect(utcToZonedLocal(back, zone)).toBe(local);
        expect(back.getTime() <= instant.getTime()).toBe(true);
        if (zone !== BERLIN && zone !== "America/New_York") expect(back.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it("reports the zone's offset", () => {
    expect(zoneOffsetMs(new Date("2026-06-01T00:00:00Z"), HCM)).toBe(7 * 3600_000);
    expect(zoneOffsetMs(new Date("2026-06-01T00:00:00Z"), BERLIN)).toBe(2 * 3600_000);
    expect(zoneOffsetMs(new Date("2026-12-01T00:00:00Z"), BERLIN)).toBe(3600_000);
  });
});
