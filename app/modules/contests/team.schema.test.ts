import { parseWithZod } from "@conform-to/zod";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INVITE_BATCH_MAX, parseAddressList, rejectedAddressError, teamActionSchema } from "./team.schema";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe("parseAddressList", () => {
  it("reads one address per line, or several separated by commas or semicolons", () => {
    const text = "an@ubnd.hanoi.gov.vn\n  Binh@Example.vn , cuong@example.vn;dung@example.vn\r\n\n";
    expect(parseAddressList(text)).toEqual({
      emails: ["an@ubnd.hanoi.gov.vn", "binh@example.vn", "cuong@example.vn", "dung@example.vn"],
      rejected: [],
    });
  });

  it("takes the address out of 'Name <address>' as mail programs copy it", () => {
    expect(parseAddressList('Nguyễn Văn An <an@example.vn>; "Trần, Bình" <binh@example.vn>')).toEqual({
      emails: ["an@example.vn", "binh@example.vn"],
      rejected: [],
    });
  });

  it("reports each invalid item with its line, and keeps the valid ones", () => {
    const text = ["an@example.vn", "khong-phai-email", "binh@example.vn, cuong@", "", "Đặng <không hợp lệ>"].join("\n");
    expect(parseAddressList(text)).toEqual({
      emails: ["an@example.vn", "binh@example.vn"],
      rejected: [
        { line: 2, value: "khong-phai-email" },
        { line: 3, value: "cuong@" },
        { line: 5, value: "Đặng <không hợp lệ>" },
      ],
    });
  });

  it("lists an address written twice once", () => {
    expect(parseAddressList("an@example.vn\nAN@example.vn, an@example.vn").emails).toEqual(["an@example.vn"]);
  });

  it("gives back any list of valid addresses, whatever the separators (property)", () => {
    const local = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?$/).filter((s) => !s.includes(".."));
    const address = fc.tuple(local, fc.constantFrom("example.vn", "ubnd.gov.vn", "gmail.com")).map(([l, d]) => `${l}@${d}`);
    const separator = fc.constantFrom("\n", ",", ";", " , ", "\r\n", "\n\n", "; ");
    fc.assert(
      fc.property(fc.array(fc.tuple(address, separator), { minLength: 1, maxLength: 20 }), (items) => {
        const text = items.map(([a, s]) => a + s).join("");
        const expected = [...new Set(items.map(([a]) => a))];
        const parsed = parseAddressList(text);
        expect(parsed.rejected).toEqual([]);
        expect(parsed.emails).toEqual(expected);
      }),
    );
  });

  it("rejects exactly the items without an @ (property)", () => {
    const junk = fc.stringMatching(/^[a-zà-ỹ0-9 ]{1,12}$/).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(fc.array(junk, { minLength: 1, maxLength: 10 }), (items) => {
        const parsed = parseAddressList(items.join("\n"));
        expect(parsed.emails).toEqual([]);
        expect(parsed.rejected).toEqual(items.map((value, i) => ({ line: i + 1, value: value.trim() })));
      }),
    );
  });

  it("names the rejected item and its line in the field error", () => {
    expect(rejectedAddressError({ line: 3, value: "cuong@" })).toBe('team:invite.errors.invalidLine|{"line":3,"value":"cuong@"}');
  });
});

describe("teamActionSchema", () => {
  it("parses an invitation into addresses and rejected lines without failing on the latter", () => {
    const s = parseWithZod(form({ intent: "invite", role: "JUDGE", addresses: "an@example.vn\nsai" }), { schema: teamActionSchema });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({
      intent: "invite",
      role: "JUDGE",
      addresses: { emails: ["an@example.vn"], rejected: [{ line: 2, value: "sai" }] },
    });
  });

  it("refuses an empty list, too many addresses, and an unknown role", () => {
    const empty = parseWithZod(form({ intent: "invite", role: "JUDGE", addresses: " \n, ;" }), { schema: teamActionSchema });
    expect(empty.status === "error" && empty.error).toEqual({ addresses: ["team:invite.errors.empty"] });
    const many = Array.from({ length: INVITE_BATCH_MAX + 1 }, (_, i) => `giam-khao-${i}@example.vn`).join("\n");
    const tooMany = parseWithZod(form({ intent: "invite", role: "JUDGE", addresses: many }), { schema: teamActionSchema });
    expect(tooMany.status === "error" && tooMany.error).toEqual({ addresses: [`team:invite.errors.tooMany|{"max":${INVITE_BATCH_MAX}}`] });
    const admin = parseWithZod(form({ intent: "invite", role: "ADMIN", addresses: "an@example.vn" }), { schema: teamActionSchema });
    expect(admin.status === "error" && admin.error).toEqual({ role: ["team:invite.errors.role"] });
  });
});
