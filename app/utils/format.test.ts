import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, sortByName } from "./format";

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
