import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "#app/utils/random";
import { CERTIFICATE_CODE_PATTERN, certificateCode, normalizeCertificateCode } from "./certificates";

describe("certificate codes", () => {
  it("are well formed and read back from any way of typing them", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const code = certificateCode(seededRandom(seed));
        expect(code).toMatch(CERTIFICATE_CODE_PATTERN);
        expect(normalizeCertificateCode(code)).toBe(code);
        expect(normalizeCertificateCode(` ${code.toLowerCase().replace(/-/g, " ")} `)).toBe(code);
        expect(normalizeCertificateCode(code.slice(4).replace(/-/g, ""))).toBe(code);
      }),
    );
  });

  it("do not repeat in a large draw", () => {
    const random = seededRandom(2026);
    const codes = new Set(Array.from({ length: 20_000 }, () => certificateCode(random)));
    expect(codes.size).toBe(20_000);
  });

  it("refuse what cannot be a code", () => {
    expect(normalizeCertificateCode("")).toBeNull();
    expect(normalizeCertificateCode("GCN-0000-0000-0000")).toBeNull();
    expect(normalizeCertificateCode("GCN-7K3M-9QXA-4HP")).toBeNull();
    expect(normalizeCertificateCode("GCN-7K3M-9QXA-4HPTT")).toBeNull();
    expect(() => certificateCode(() => 1)).toThrow(RangeError);
  });
});
