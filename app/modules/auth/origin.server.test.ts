import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin.server";

const base = {
  selfOrigin: "http://localhost:3000",
  trustedOrigins: ["https://thi.example.vn"],
  origin: undefined,
  secFetchSite: undefined,
  referer: undefined,
};

describe("isAllowedOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isAllowedOrigin({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });

  it("refuses a POST whose Origin is another site, and the opaque origin null", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "null" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "DELETE", origin: "http://localhost:3001" })).toBe(false);
  });

  it("accepts its own origin and the configured public address", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "http://localhost:3000" })).toBe(true);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "https://thi.example.vn" })).toBe(true);
  });

  it("falls back to Sec-Fetch-Site, then Referer, when there is no Origin", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", secFetchSite: "same-site" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", secFetchSite: "same-origin" })).toBe(true);
    expect(isAllowedOrigin({ ...base, method: "POST", referer: "https://evil.example/page" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", referer: "http://localhost:3000/login" })).toBe(true);
  });
});
