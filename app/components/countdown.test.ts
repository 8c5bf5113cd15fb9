import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeLeft } from "./countdown";

describe("timeLeft", () => {
  it("splits the time left into days, hours, minutes and seconds", () => {
    const now = new Date("2026-12-30T10:00:00Z");
    expect(timeLeft(new Date("2026-12-31T16:59:30Z"), now)).toEqual({ days: 1, hours: 6, minutes: 59, seconds: 30 });
    expect(timeLeft(now, now)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(timeLeft(new Date(now.getTime() - 1), now)).toBeNull();
  });

  it("adds back up to the whole seconds left, each unit within its range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86400 * 1000 }), (ms) => {
        const now = new Date("2026-01-01T00:00:00Z");
        const left = timeLeft(new Date(now.getTime() + ms), now)!;
        expect(left.days * 86400 + left.hours * 3600 + left.minutes * 60 + left.seconds).toBe(Math.floor(ms / 1000));
        expect(left.hours).toBeLessThan(24);
        expect(left.minutes).toBeLessThan(60);
        expect(left.seconds).toBeLessThan(60);
      }),
    );
  });
});
