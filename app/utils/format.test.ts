import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, formatNumber, formatPercent, sortByName } from "./format";

describe("formatDateTime", () => {
  // 2026-06-30 17:00 UTC is already 1 July, 00:00 in Hà Nội (UTC+7).
  const instant = new Date("2026-06-30T17:00:00Z");

  it("shows the contest's clock, not the server's", () => {
    expect(formatDateTime(instant, "en", "Asia/Ho_Chi_Minh")).toMatch(/1 July 2026.*00:00/);
    expect(formatDateTime(instant, "en", "UTC")).toMatch(/30 June 2026.*17:00/);
  });

  it("writes Vietnamese dates as administrative documents do, on the contest's clock", () => {
    expect(formatDateTime(instant, "vi", "Asia/Ho_Chi_Minh")).toBe("00:00 ngày 1 tháng 7 năm 2026");
    expect(formatDateTime(instant, "vi", "UTC")).toBe("17:00 ngày 30 tháng 6 năm 2026");
    expect(formatDate(instant, "vi", "Asia/Ho_Chi_Minh")).toBe("ngày 1 tháng 7 năm 2026");
    expect(formatDate(new Date("2026-12-20T10:00:00Z"), "vi", "Asia/Ho_Chi_Minh")).toBe("ngày 20 tháng 12 năm 2026");
  });
});

describe("sortByName", () => {
  it("orders names as a Vietnamese dictionary does (Đ after D, accents after the bare letter)", () => {
    const names = ["Đỗ Minh", "Ân Hoà", "Dương Lan", "An Bình", "Bùi Chi", "Ẩn Tâm"];
    const sorted = sortByName(names, (n) => n);
    expect(sorted.indexOf("Đỗ Minh")).toBeGreaterThan(sorted.indexOf("Dương Lan"));
    expect(sorted.slice(0, 3).every((n) => /^[AÂẨ]/.test(n))).toBe(true);
    expect(sorted.indexOf("Bùi Chi")).toBe(3);
  });
});

describe("formatDay", () => {
  it("writes a calendar day as it is, whatever the server's time zone", () => {
    expect(formatDay("2026-03-15", "vi")).toBe("15 tháng 3, 2026");
    expect(formatDay("2026-03-05", "vi", "short")).toBe("5/3");
    expect(formatDay("2026-03-05", "en", "short")).toBe("05/03");
    expect(formatDay("2026-12-31", "en")).toBe("31 December 2026");
  });
});

describe("formatNumber", () => {
  it("writes Vietnamese decimals with a comma and thousands with a dot", () => {
    expect(formatNumber(-12345.67, "vi", 1)).toBe("-12.345,7");
    expect(formatNumber(-12345.67, "en", 1)).toBe("-12,345.7");
  });
});

describe("formatPercent", () => {
  it("writes whole percentages by default and decimals on request, in the language's way", () => {
    expect(formatPercent(0.457, "vi")).toBe("46%");
    expect(formatPercent(0.6634, "vi", 1)).toBe("66,3%");
    expect(formatPercent(0.5, "en", 1)).toBe("50.0%");
  });
});
