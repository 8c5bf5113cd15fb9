import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deadlineSurge, entriesByCategory, entriesByDay, entriesByUnit, localDay, localDays, MAX_TIMELINE_DAYS, nextDay } from "./participation";

const HCM = "Asia/Ho_Chi_Minh";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("entriesByCategory", () => {
  it("counts received entries by status per category, drafts and withdrawn apart", () => {
    const { categories, totals } = entriesByCategory(
      [
        { id: "c1", name: "Cán bộ, đảng viên" },
        { id: "c2", name: "Đoàn viên, thanh niên" },
      ],
      [
        { categoryId: "c1", status: "ELIGIBLE", count: 40 },
        { categoryId: "c1", status: "SUBMITTED", count: 3 },
        { categoryId: "c1", status: "DISQUALIFIED", count: 2 },
        { categoryId: "c1", status: "WITHDRAWN", count: 1 },
        { categoryId: "c2", status: "DRAFT", count: 7 },
        { categoryId: "c2", status: "ELIGIBLE", count: 30 },
      ],
    );
    expect(categories).toEqual([
      { categoryId: "c1", name: "Cán bộ, đảng viên", received: 45, eligible: 40, awaiting: 3, disqualified: 2, withdrawn: 1, drafts: 0 },
      { categoryId: "c2", name: "Đoàn viên, thanh niên", received: 30, eligible: 30, awaiting: 0, disqualified: 0, withdrawn: 0, drafts: 7 },
    ]);
    expect(totals).toEqual({ received: 75, eligible: 70, awaiting: 3, disqualified: 2, withdrawn: 1, drafts: 7 });
  });
});

describe("entriesByUnit", () => {
  it("counts one unit however it is written, under its most frequent spelling", () => {
    const counts = entriesByUnit([
      { entryId: "e1", unit: "UBND xã Phú Sơn" },
      { entryId: "e2", unit: "Ủy ban nhân dân xã Phú Sơn" },
      { entryId: "e3", unit: "ubnd  xa phu son" },
      { entryId: "e4", unit: "UBND xã Phú Sơn" },
      { entryId: "e5", unit: "Trường THPT Chu Văn An" },
      { entryId: "e6", unit: "THPT Chu Văn An" },
      { entryId: "e7", unit: "  " },
    ]);
    expect(counts.top).toEqual([
      { key: "ubnd xa phu son", label: "UBND xã Phú Sơn", entries: 4 },
      { key: "thpt chu van an", label: "THPT Chu Văn An", entries: 2 }, // one each: the collator decides
    ]);
    expect(counts).toMatchObject({ units: 2, withoutUnit: 1, others: { units: 0, entries: 0 } });
  });

  it("counts an entry once per distinct unit of its authors", () => {
    const counts = entriesByUnit([
      { entryId: "e1", unit: "Đoàn phường Tân An" },
      { entryId: "e1", unit: "Đoàn phường Tân An" },
      { entryId: "e1", unit: "Trường THCS Trần Phú" },
      { entryId: "e2", unit: "" },
      { entryId: "e2", unit: "Trường THCS Trần Phú" },
    ]);
    expect(counts.top.map((u) => [u.label, u.entries])).toEqual([
      ["Trường THCS Trần Phú", 2],
      ["Đoàn phường Tân An", 1],
    ]);
    expect(counts.withoutUnit).toBe(0);
  });

  it("keeps the largest units and sums up the rest by distinct entries", () => {
    const authors = [
      ...Array.from({ length: 5 }, (_, i) => ({ entryId: `a${i}`, unit: "Công an quận Phú Sơn" })),
      ...Array.from({ length: 3 }, (_, i) => ({ entryId: `b${i}`, unit: "Hội Cựu chiến binh phường Phú Hòa" })),
      { entryId: "c0", unit: "Khu phố 1, phường Tân An" },
      { entryId: "c0", unit: "Khu phố 2, phường Tân An" },
      { entryId: "c1", unit: "Khu phố 3, phường Tân An" },
    ];
    const counts = entriesByUnit(authors, 2);
    expect(counts.top.map((u) => u.entries)).toEqual([5, 3]);
    expect(counts.others).toEqual({ units: 3, entries: 2 });
    expect(counts.units).toBe(5);
  });
});

describe("localDay", () => {
  it("puts midnight where the contest's clock does", () => {
    // Hồ Chí Minh City is UTC+7 all year: 23:59:59 local is 16:59:59 UTC.
    expect(localDay(new Date("2026-03-15T16:59:59.999Z"), HCM)).toBe("2026-03-15");
    expect(localDay(new Date("2026-03-15T17:00:00.000Z"), HCM)).toBe("2026-03-16");
    expect(localDay(new Date("2026-03-15T00:30:00.000Z"), "UTC")).toBe("2026-03-15");
    // Berlin across the changes of clock: CET (UTC+1) before the last Sunday of March, CEST after.
    expect(localDay(new Date("2026-03-28T22:59:59Z"), "Europe/Berlin")).toBe("2026-03-28");
    expect(localDay(new Date("2026-03-28T23:00:00Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(localDay(new Date("2026-03-29T21:59:59Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(localDay(new Date("2026-03-29T22:00:00Z"), "Europe/Berlin")).toBe("2026-03-30");
    expect(localDay(new Date("2026-10-25T22:59:59Z"), "Europe/Berlin")).toBe("2026-10-25");
    expect(localDay(new Date("2026-10-25T23:00:00Z"), "Europe/Berlin")).toBe("2026-10-26");
  });

  it("in Hồ Chí Minh City is the UTC date seven hours later", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        expect(localDay(new Date(t), HCM)).toBe(new Date(t + 7 * HOUR).toISOString().slice(0, 10));
      }),
    );
  });
});

describe("localDays", () => {
  it("agrees with localDay everywhere, across changes of clock included", () => {
    const zone = fc.constantFrom(HCM, "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns");
    // Instants near the 2026 changes of clock (within two days of them) and anywhere in 2000–2100.
    const changes = ["2026-03-08T07:00:00Z", "2026-03-29T01:00:00Z", "2026-04-05T15:00:00Z", "2026-10-04T15:30:00Z", "2026-10-25T01:00:00Z", "2026-11-01T06:00:00Z"].map(Date.parse);
    const near = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([c, d]) => c + d);
    const anywhere = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(zone, fc.array(fc.oneof(near, anywhere), { minLength: 1, maxLength: 40 }), (timeZone, times) => {
        const dayOf = localDays(timeZone);
        for (const t of times) expect(dayOf(new Date(t))).toBe(localDay(new Date(t), timeZone));
      }),
    );
  });
});

describe("nextDay", () => {
  it("follows the calendar across months, leap days and years", () => {
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
    expect(nextDay("2028-02-29")).toBe("2028-03-01");
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2026-03-28")).toBe("2026-03-29"); // a 23-hour day in Berlin is still one day
  });
});

describe("entriesByDay", () => {
  const at = (iso: string) => new Date(iso);

  it("counts per local day with the days without entries, and accumulates (hand computation)", () => {
    const timeline = entriesByDay(
      [at("2026-03-01T02:00:00Z"), at("2026-03-01T16:59:00Z"), at("2026-03-01T17:00:00Z"), at("2026-03-04T09:00:00Z")],
      HCM,
      { opensAt: at("2026-02-28T01:00:00Z"), closesAt: at("2026-03-04T10:00:00Z"), now: at("2026-04-01T00:00:00Z") },
    );
    expect(timeline.days).toEqual([
      { day: "2026-02-28", count: 0, cumulative: 0 },
      { day: "2026-03-01", count: 2, cumulative: 2 },
      { day: "2026-03-02", count: 1, cumulative: 3 },
      { day: "2026-03-03", count: 0, cumulative: 3 },
      { day: "2026-03-04", count: 1, cumulative: 4 },
    ]);
    expect(timeline.deadlineDay).toBe("2026-03-04");
  });

  it("runs on to today while the deadline is ahead, and to the last entry of a grace period", () => {
    const entries = [at("2026-03-01T02:00:00Z")];
    const open = entriesByDay(entries, HCM, { opensAt: null, closesAt: at("2026-03-20T10:00:00Z"), now: at("2026-03-03T02:00:00Z") });
    expect(open.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    expect(open.deadlineDay).toBeNull();
    const late = entriesByDay([...entries, at("2026-03-02T18:00:00Z")], HCM, { opensAt: null, closesAt: at("2026-03-02T10:00:00Z"), now: at("2026-04-01T00:00:00Z") });
    expect(late.days.map((d) => [d.day, d.count])).toEqual([
      ["2026-03-01", 1],
      ["2026-03-02", 0],
      ["2026-03-03", 1],
    ]);
    expect(late.deadlineDay).toBe("2026-03-02");
  });

  it("draws only the days of entries when the window would be too long, and nothing without entries", () => {
    const t = entriesByDay([at("2026-03-01T02:00:00Z")], HCM, { opensAt: at("2024-01-01T00:00:00Z"), closesAt: null, now: at("2026-03-05T00:00:00Z") });
    expect(t.days).toEqual([{ day: "2026-03-01", count: 1, cumulative: 1 }]);
    expect(entriesByDay([], HCM, { opensAt: null, closesAt: null, now: new Date() })).toEqual({ days: [], deadlineDay: null });
  });

  it("has consecutive days whose counts are each entry's local day, summing to all entries", () => {
    const zone = fc.constantFrom(HCM, "UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu");
    const start = Date.UTC(2026, 2, 1);
    const instants = fc.array(fc.integer({ min: start, max: start + 60 * DAY }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(instants, zone, (times, timeZone) => {
        const dates = times.map((t) => new Date(t));
        const { days } = entriesByDay(dates, timeZone, { opensAt: null, closesAt: null, now: new Date(start) });
        expect(days.length).toBeLessThanOrEqual(MAX_TIMELINE_DAYS);
        days.slice(1).forEach((d, i) => expect(d.day).toBe(nextDay(days[i]!.day)));
        expect(days.reduce((s, d) => s + d.count, 0)).toBe(dates.length);
        expect(days.at(-1)!.cumulative).toBe(dates.length);
        for (const d of days) expect(d.count).toBe(dates.filter((x) => localDay(x, timeZone) === d.day).length);
        expect(days[0]!.count).toBeGreaterThan(0);
        expect(days.at(-1)!.count).toBeGreaterThan(0);
      }),
    );
  });
});

describe("deadlineSurge", () => {
  it("counts entries within 24 hours, 3 and 7 days of the deadline, and late ones", () => {
    const closes = new Date("2026-03-31T10:00:00Z");
    const before = (hours: number) => new Date(closes.getTime() - hours * HOUR);
    expect(deadlineSurge([before(0), before(24), before(25), before(72), before(100), before(24 * 7 + 1), before(-0.5)], closes)).toEqual({
      total: 7,
      lastDay: 2,
      lastThreeDays: 4,
      lastWeek: 5,
      late: 1,
    });
    expect(deadlineSurge([before(1)], null)).toBeNull();
  });
});
