import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFLICT_RULES,
  type ConflictEntry,
  type ConflictJudge,
  detectConflicts,
  emailDomain,
  isSmallOrganisationDomain,
  normalizeUnit,
  stripDiacritics,
} from "./conflicts";

// An independent table of Vietnamese letters with their base letter (not derived from Unicode decomposition).
const VI_LETTERS: Record<string, string> = {
  a: "aàáạảãâầấậẩẫăằắặẳẵ",
  e: "eèéẹẻẽêềếệểễ",
  i: "iìíịỉĩ",
  o: "oòóọỏõôồốộổỗơờớợởỡ",
  u: "uùúụủũưừứựửữ",
  y: "yỳýỵỷỹ",
  d: "dđ",
};
const BASE = new Map<string, string>();
for (const [base, letters] of Object.entries(VI_LETTERS)) {
  for (const ch of letters) {
    BASE.set(ch, base);
    BASE.set(ch.toUpperCase(), base.toUpperCase());
  }
}
const plain = (s: string) => [...s].map((ch) => BASE.get(ch) ?? ch).join("");

const alphabet = [...Object.values(VI_LETTERS).join(""), ..."bcghklmnpqrstvx0123456789"].flatMap((ch) => [ch, ch.toUpperCase()]);
const separators = [" ", "  ", ".", ",", "-", "&", "(", ")", "/", "\t"];
const unitText = fc
  .array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...separators)), { maxLength: 40 })
  .map((chars) => chars.join(""));
// Realistic units: words and the phrases the normaliser knows, in any case.
const phrases = ["Ủy ban nhân dân", "UBND", "Trường", "THPT", "trung học phổ thông", "Đại học", "ĐH", "Sở GD&ĐT", "TP.HCM", "Hà Nội", "Chu Văn An", "Công ty cổ phần", "xã", "phường"];
const unitPhrases = fc
  .array(fc.tuple(fc.constantFrom(...phrases), fc.constantFrom(...separators), fc.boolean()), { maxLength: 6 })
  .map((parts) => parts.map(([p, sep, upper]) => (upper ? p.toUpperCase() : p) + sep).join(""));
const anyUnit = fc.oneof(unitText, unitPhrases);

describe("normalizeUnit", () => {
  it("is idempotent", () => {
    fc.assert(fc.property(anyUnit, (u) => {
        expect(normalizeUnit(normalizeUnit(u))).toBe(normalizeUnit(u));
      }));
  });

  it("ignores diacritics (including đ/Đ)", () => {
    fc.assert(fc.property(anyUnit, (u) => {
        expect(normalizeUnit(plain(u))).toBe(normalizeUnit(u));
      }));
  });

  it("ignores case", () => {
    fc.assert(
      fc.property(anyUnit, (u) => {
        expect(normalizeUnit(u.toUpperCase())).toBe(normalizeUnit(u));
        expect(normalizeUnit(u.toLowerCase())).toBe(normalizeUnit(u));
      }),
    );
  });

  it("gives only lower-case ASCII letters and digits separated by single spaces", () => {
    fc.assert(fc.property(anyUnit, (u) => {
        expect(normalizeUnit(u)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }));
  });

  it("meets written-out and abbreviated forms in one place", () => {
    expect(normalizeUnit("Trường THPT Chu Văn An")).toBe("thpt chu van an");
    expect(normalizeUnit("truong thpt chu van an")).toBe("thpt chu van an");
    expect(normalizeUnit("TRƯỜNG TRUNG HỌC PHỔ THÔNG CHU VĂN AN")).toBe("thpt chu van an");
    expect(normalizeUnit("THPT Chu Văn An")).toBe("thpt chu van an");
    expect(normalizeUnit("Ủy ban nhân dân xã Đông Hòa")).toBe(normalizeUnit("UBND xã Đông Hoà"));
    expect(normalizeUnit("Uỷ ban nhân dân phường Bến Nghé")).toBe("ubnd phuong ben nghe");
    expect(normalizeUnit("Sở GD&ĐT Hà Nội")).toBe(normalizeUnit("Sở Giáo dục và Đào tạo Hà Nội"));
    expect(normalizeUnit("Trường Đại học Sư phạm TP.HCM")).toBe(normalizeUnit("ĐH Sư phạm Thành phố Hồ Chí Minh"));
    expect(normalizeUnit("Công ty Cổ phần ABC")).toBe(normalizeUnit("Cong ty CP  ABC"));
    expect(normalizeUnit("  Đảng ủy   khối —  Cơ quan.  ")).toBe("dang uy khoi co quan");
  });

  it("keeps different units apart", () => {
    expect(normalizeUnit("THPT Chu Văn An")).not.toBe(normalizeUnit("THCS Chu Văn An"));
    expect(normalizeUnit("Trường Tiểu học Kim Đồng")).not.toBe(normalizeUnit("Kim Đồng"));
    expect(normalizeUnit("UBND xã An Bình")).not.toBe(normalizeUnit("UBND xã An Bình Tây"));
  });

  it("stripDiacritics turns đ and Đ into d", () => {
    expect(stripDiacritics("Đường Độc Lập, Đà Nẵng")).toBe("duong doc Lap, da Nang");
  });
});

describe("e-mail domains", () => {
  it("reads the domain after the last @, lower-cased", () => {
    expect(emailDomain(" Lan@Truong-CVA.edu.vn ")).toBe("truong-cva.edu.vn");
    expect(emailDomain("no-at-sign")).toBe("");
    expect(emailDomain("trailing@")).toBe("");
  });

  it("treats public webmail as never a small organisation, and others as one unless listed large", () => {
    for (const d of ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com.vn", "GMAIL.COM"]) {
      expect(isSmallOrganisationDomain(d)).toBe(false);
    }
    expect(isSmallOrganisationDomain("chuvanan.edu.vn")).toBe(true);
    expect(isSmallOrganisationDomain("vnu.edu.vn", new Set(["vnu.edu.vn"]))).toBe(false);
    expect(isSmallOrganisationDomain("")).toBe(false);
  });
});

const judge = (id: string, email: string, unit: string | null = null): ConflictJudge => ({ id, email, unit });
const entry = (id: string, ...authors: ConflictEntry["authors"]): ConflictEntry => ({ id, authors });

describe("detectConflicts", () => {
  it("finds the same unit with and without diacritics and in another case, with the evidence", () => {
    const judges = [judge("j1", "hoa@gmail.com", "Trường THPT Chu Văn An"), judge("j2", "binh@gmail.com", "THCS Chu Văn An")];
    const found = detectConflicts(judges, [entry("e1", { email: "an@yahoo.com", unit: "truong thpt chu van an" })]);
    expect(found).toEqual([
      {
        judgeId: "j1",
        entryId: "e1",
        matches: [
          {
            rule: "sameUnit",
            authorIndex: 0,
            evidence: { judgeUnit: "Trường THPT Chu Văn An", authorUnit: "truong thpt chu van an", normalized: "thpt chu van an" },
          },
        ],
      },
    ]);
  });

  it("matches the UBND abbreviation against the full name", () => {
    const found = detectConflicts([judge("j1", "a@gmail.com", "UBND huyện Củ Chi")], [entry("e1", { email: "", unit: "Ủy ban nhân dân Huyện Củ Chi" })]);
    expect(found.map((d) => d.matches[0]!.rule)).toEqual(["sameUnit"]);
  });

  it("does not treat an empty or generic unit as evidence", () => {
    const judges = [judge("j1", "a@gmail.com", ""), judge("j2", "b@gmail.com", "UBND"), judge("j3", "c@gmail.com", null)];
    const entries = [entry("e1", { email: "x@gmail.com", unit: "" }, { email: "y@gmail.com", unit: "Ủy ban nhân dân" })];
    expect(detectConflicts(judges, entries)).toEqual([]);
  });

  it("finds the same e-mail, ignoring case and spaces", () => {
    const found = detectConflicts([judge("j1", "Tuan.Nguyen@Gmail.com")], [entry("e1", { email: " tuan.nguyen@gmail.com", unit: "" })]);
    expect(found).toEqual([{ judgeId: "j1", entryId: "e1", matches: [{ rule: "sameEmail", authorIndex: 0, evidence: { email: "tuan.nguyen@gmail.com" } }] }]);
  });

  it("finds the same domain of a small organisation, but not of public webmail or a listed large one", () => {
    const judges = [judge("j1", "lan@chuvanan.edu.vn"), judge("j2", "minh@gmail.com"), judge("j3", "hai@vnu.edu.vn"), judge("j4", "mai@yahoo.com.vn")];
    const entries = [
      entry("e1", { email: "an@CHUVANAN.edu.vn", unit: "" }),
      entry("e2", { email: "other@gmail.com", unit: "" }),
      entry("e3", { email: "sv@vnu.edu.vn", unit: "" }),
      entry("e4", { email: "x@yahoo.com.vn", unit: "" }),
    ];
    const found = detectConflicts(judges, entries, { largeDomains: ["VNU.edu.vn"] });
    expect(found).toEqual([
      {
        judgeId: "j1",
        entryId: "e1",
        matches: [
          { rule: "sameEmailDomain", authorIndex: 0, evidence: { domain: "chuvanan.edu.vn", judgeEmail: "lan@chuvanan.edu.vn", authorEmail: "an@chuvanan.edu.vn" } },
        ],
      },
    ]);
    // Without the large list, vnu.edu.vn counts as an organisation's domain.
    expect(detectConflicts(judges, entries).map((d) => `${d.judgeId}/${d.entryId}`)).toEqual(["j1/e1", "j3/e3"]);
  });

  it("finds the judge among the authors by account, and reports every rule once per judge and entry", () => {
    const judges = [judge("j1", "lan@chuvanan.edu.vn", "THPT Chu Văn An"), judge("j2", "minh@gmail.com")];
    const found = detectConflicts(judges, [
      entry(
        "e1",
        { email: "someone@gmail.com", unit: "Sở Nội vụ" },
        { email: "LAN@chuvanan.edu.vn", unit: "Trường THPT Chu Văn An", userId: "j1" },
      ),
      entry("e2", { email: "minh2@gmail.com", unit: "", userId: "j2" }),
    ]);
    expect(found.map((d) => [d.judgeId, d.entryId, d.matches.map((m) => `${m.rule}@${m.authorIndex}`)])).toEqual([
      // Same address: no separate same-domain finding.
      ["j1", "e1", ["judgeIsAuthor@1", "sameEmail@1", "sameUnit@1"]],
      ["j2", "e2", ["judgeIsAuthor@0"]],
    ]);
  });

  it("is deterministic and ordered by entry, then judge", () => {
    const judges = [judge("j2", "b@x.vn", "Sở Tư pháp"), judge("j1", "a@x.vn", "Sở Tư pháp")];
    const entries = [entry("e2", { email: "c@x.vn", unit: "" }), entry("e1", { email: "", unit: "so tu phap" })];
    const found = detectConflicts(judges, entries);
    expect(found.map((d) => `${d.entryId}/${d.judgeId}`)).toEqual(["e2/j2", "e2/j1", "e1/j2", "e1/j1"]);
    expect(detectConflicts(judges, entries)).toEqual(found);
  });

  it("agrees with a direct pairwise check of every rule on random problems", () => {
    const units = ["THPT Chu Văn An", "truong thpt chu van an", "Sở Tư pháp", "", "UBND xã An Bình"];
    const emails = ["a@gmail.com", "b@chuvanan.edu.vn", "c@chuvanan.edu.vn", "A@GMAIL.com", "d@sotuphap.gov.vn", ""];
    const people = fc.record({ email: fc.constantFrom(...emails), unit: fc.constantFrom(...units), who: fc.constantFrom("u1", "u2", "u3", null) });
    fc.assert(
      fc.property(fc.array(people, { maxLength: 4 }), fc.array(fc.array(people, { minLength: 1, maxLength: 3 }), { maxLength: 5 }), (js, es) => {
        const judgeList = js.map((p, i) => judge(`j${i}`, p.email, p.unit));
        const entryList = es.map((authors, i) => entry(`e${i}`, ...authors.map((a) => ({ email: a.email, unit: a.unit, userId: a.who === null ? null : `j${a.who.slice(1)}` }))));
        const found = detectConflicts(judgeList, entryList);
        const expected: string[] = [];
        entryList.forEach((e) =>
          judgeList.forEach((j) => {
            const hit = e.authors.some((a) => {
              const sameEmail = a.email !== "" && a.email.toLowerCase() === j.email.toLowerCase();
              const sameUnit = normalizeUnit(a.unit) === normalizeUnit(j.unit ?? "") && !["", "ubnd"].includes(normalizeUnit(a.unit));
              const domain = emailDomain(a.email);
              const sameDomain = domain !== "" && domain === emailDomain(j.email) && isSmallOrganisationDomain(domain);
              return a.userId === j.id || sameEmail || sameUnit || sameDomain;
            });
            if (hit) expected.push(`${e.id}/${j.id}`);
          }),
        );
        expect(found.map((d) => `${d.entryId}/${d.judgeId}`)).toEqual(expected);
        for (const d of found) for (const m of d.matches) expect(CONFLICT_RULES).toContain(m.rule);
      }),
    );
  });
});
