// Every literal translation key written in app/ exists in both languages, and no
// translation is left empty. (en has the same keys as vi by its type; this checks usage.)
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces, resources } from "./index";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return ["generated", "locales"].includes(d.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

function lookup(lng: "vi" | "en", key: string): unknown {
  const [ns, rest] = key.includes(":") ? (key.split(":", 2) as [string, string]) : ["common", key];
  let node: unknown = (resources[lng] as Record<string, unknown>)[ns];
  for (const part of rest.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

function keysUsed(): Map<string, string> {
  const found = new Map<string, string>();
  const nsAlternation = namespaces.join("|");
  const patterns = [
    /\bt\(\s*["']([^"'`$]+)["']/g, // t("ns:key")
    new RegExp(`["'\`]((?:${nsAlternation}):[A-Za-z][\\w.]*|validation\\.[A-Za-z.]+|errors\\.[A-Za-z.]+)(?:\\|[^"'\`]*)?["'\`]`, "g"),
  ];
  for (const file of sourceFiles(path.resolve("app"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1]!, path.relative(".", file));
  }
  return found;
}

function leaves(node: unknown, prefix = ""): [string, unknown][] {
  if (typeof node !== "object" || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  const used = keysUsed();

  it("finds the keys the code uses (the scan itself works)", () => {
    expect(used.has("home.heading")).toBe(true);
    expect(used.has("organize:create.submit")).toBe(true);
  });

  for (const lng of ["vi", "en"] as const) {
    it(`resolves every key used in app/ in ${lng}`, () => {
      const missing = [...used].filter(([key]) => {
        const value = lookup(lng, key);
        return typeof value !== "string" && lookup(lng, `${key}_other`) === undefined;
      });
      expect(missing.map(([key, file]) => `${key} (${file})`)).toEqual([]);
    });

    it(`has no empty text in ${lng}`, () => {
      const empty = leaves(resources[lng]).filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(empty.map(([k]) => k)).toEqual([]);
    });
  }
});
