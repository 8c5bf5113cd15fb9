// Fixed-window counters in the database.
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { hit, refund, reset } from "./rate-limit.server";

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 29, 8, 0) + minutes * MINUTE);

describe("hit", () => {
  it("allows `limit` hits in a window, refuses the next with the time left, and starts afresh after", async () => {
    const options = { limit: 3, windowMs: 15 * MINUTE };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hit("t:window", { ...options, now: at(i) }));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    // The window opened at minute 0 and ends at 15; the fifth hit came at minute 4.
    expect(results[4]).toEqual({ allowed: false, retryAfterSeconds: 11 * 60 });
    // Refused hits are not counted.
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:window" } })).count).toBe(3);

    expect((await hit("t:window", { ...options, now: at(14.9) })).allowed).toBe(false);
    expect((await hit("t:window", { ...options, now: at(15) })).allowed).toBe(true);
    const row = await prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:window" } });
    expect(row.count).toBe(1);
    expect(row.windowStart).toEqual(at(15));
  });

  it("keeps keys apart", async () => {
    const options = { limit: 1, windowMs: MINUTE, now: at(0) };
    expect((await hit("t:a", options)).allowed).toBe(true);
    expect((await hit("t:a", options)).allowed).toBe(false);
    expect((await hit("t:b", options)).allowed).toBe(true);
  });

  it("lets exactly `limit` of many simultaneous hits through, on a new key and on a running window", async () => {
    const options = { limit: 5, windowMs: 15 * MINUTE };
    const burst = async (key: string) =>
      (await Promise.all(Array.from({ length: 40 }, () => hit(key, options)))).filter((r) => r.allowed).length;
    expect(await burst("t:burst-new")).toBe(5);
    await prisma.rateLimit.create({ data: { key: "t:burst-running", count: 2, windowStart: new Date() } });
    expect(await burst("t:burst-running")).toBe(3);
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:burst-running" } })).count).toBe(5);
  });

  it("lets exactly one of many simultaneous hits restart an ended window", async () => {
    const options = { limit: 1, windowMs: MINUTE };
    await prisma.rateLimit.create({ data: { key: "t:restart", count: 1, windowStart: new Date(Date.now() - 2 * MINUTE) } });
    const results = await Promise.all(Array.from({ length: 20 }, () => hit("t:restart", options)));
    expect(results.filter((r) => r.allowed)).toHaveLength(1);
  });
});

describe("reset and refund", () => {
  it("reset forgets the counter; refund gives one hit back and never goes below zero", async () => {
    const options = { limit: 2, windowMs: MINUTE };
    await hit("t:reset", options);
    await hit("t:reset", options);
    expect((await hit("t:reset", options)).allowed).toBe(false);
    await refund("t:reset");
    expect((await hit("t:reset", options)).allowed).toBe(true);
    expect((await hit("t:reset", options)).allowed).toBe(false);
    await reset("t:reset");
    expect(await prisma.rateLimit.count({ where: { key: "t:reset" } })).toBe(0);
    expect((await hit("t:reset", options)).allowed).toBe(true);

    await refund("t:reset");
    await refund("t:reset");
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:reset" } })).count).toBe(0);
  });
});
