import { describe, expect, it } from "vitest";
import { ByEntry } from "./results.server";

describe("ByEntry (a round's views by entry id)", () => {
  const rows = [{ id: "b" }, { id: "a" }, { id: "c" }];
  const numbers = new Map(rows.map((r, n) => [r.id, n]));

  it("reads like a Map in the entries' order, and knows only their ids", () => {
    const view = new ByEntry(numbers, rows, (n) => `value ${n}`);
    expect(view.size).toBe(3);
    expect(view.get("a")).toBe("value 1");
    expect(view.get("z")).toBeUndefined();
    expect(view.has("c")).toBe(true);
    expect(view.has("z")).toBe(false);
    expect([...view]).toEqual([["b", "value 0"], ["a", "value 1"], ["c", "value 2"]]);
    expect([...view.keys()]).toEqual(["b", "a", "c"]);
    expect([...view.values()]).toEqual(["value 0", "value 1", "value 2"]);
    expect(new Map(view)).toEqual(new Map([["b", "value 0"], ["a", "value 1"], ["c", "value 2"]]));
    const seen: string[] = [];
    view.forEach((v, k, map) => {
      expect(map).toBe(view);
      seen.push(`${k}=${v}`);
    });
    expect(seen).toEqual(["b=value 0", "a=value 1", "c=value 2"]);
  });

  it("asks for a value only when it is read", () => {
    const asked: number[] = [];
    const view = new ByEntry(numbers, rows, (n) => {
      asked.push(n);
      return n;
    });
    expect(asked).toEqual([]);
    view.get("c");
    view.has("a");
    expect(asked).toEqual([2]);
  });
});
