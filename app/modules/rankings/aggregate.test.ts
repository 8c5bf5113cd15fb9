import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate, conjugateGradient, roundScore, SEVERITY_PRIOR_READS, trimmedMean, type Read } from "./aggregate";

const step = (n: number) => Math.round(n * 2) / 2;
const totalArb = fc.integer({ min: 0, max: 200 }).map((n) => n / 2);

/** Any reads at all: few reads, judges on one entry, disconnected panels, entries without reads. */
const anyDesign = fc
  .record({ entries: fc.integer({ min: 1, max: 12 }), judges: fc.integer({ min: 1, max: 7 }) })
  .chain(({ entries, judges }) =>
    fc
      .array(fc.record({ e: fc.integer({ min: 0, max: entries - 1 }), j: fc.integer({ min: 0, max: judges - 1 }), total: totalArb }), {
        maxLength: entries * judges,
      })
      .map((rows) => {
        const seen = new Set<string>();
        const reads: Read[] = [];
        for (const r of rows) {
          const key = `${r.e}/${r.j}`;
          if (seen.has(key)) continue;
          seen.add(key);
          reads.push({ entryId: `e${r.e}`, judgeId: `j${r.j}`, total: r.total });
        }
        return { entryIds: Array.from({ length: entries }, (_, i) => `e${i}`), reads };
      }),
  );

/**
 * A connected design where every judge reads at least SEVERITY_PRIOR_READS entries: entry i is
 * read by judges i mod J and (i + 1) mod J, plus random extra reads.
 */
const connectedDesign = fc
  .record({ judges: fc.integer({ min: 2, max: 6 }), perJudge: fc.integer({ min: SEVERITY_PRIOR_READS, max: 8 }), seed: fc.integer() })
  .chain(({ judges, perJudge }) => {
    // Judge j reads the entries i with i mod J = j and those with (i + 1) mod J = j.
    const entries = judges * Math.ceil(perJudge / 2);
    return fc
      .record({
        merit: fc.array(fc.integer({ min: 40, max: 180 }).map((n) => n / 2), { minLength: entries, maxLength: entries }),
        extra: fc.array(fc.record({ e: fc.nat(entries - 1), j: fc.nat(judges - 1) }), { maxLength: entries }),
        noise: fc.array(fc.integer({ min: -10, max: 10 }).map((n) => n / 2), { minLength: entries * judges, maxLength: entries * judges }),
      })
      .map(({ merit, extra, noise }) => {
        const pairs = new Set<string>();
        for (let i = 0; i < entries; i++) {
          pairs.add(`${i}/${i % judges}`);
          pairs.add(`${i}/${(i + 1) % judges}`);
        }
        for (const x of extra) pairs.add(`${x.e}/${x.j}`);
        const reads: Read[] = [...pairs].map((p) => {
          const [e, j] = p.split("/").map(Number) as [number, number];
          return { entryId: `e${e}`, judgeId: `j${j}`, total: step(merit[e]! + noise[e * judges + j]!) };
        });
        return { entryIds: merit.map((_, i) => `e${i}`), reads, judges };
      });
  });

const close = (a: number, b: number, tolerance = 1e-7) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

describe("aggregate: well defined whatever the reads", () => {
  it("gives every read entry finite scores, entries without reads none, effects summing to 0 per component", () => {
    fc.assert(
      fc.property(anyDesign, fc.constantFrom("MEAN", "TRIMMED_MEAN", "NORMALIZED" as const), ({ entryIds, reads }, method) => {
        const result = aggregate({ method, entryIds, reads });
        expect(result.entries.map((e) => e.entryId)).toEqual(entryIds);
        for (const e of result.entries) {
          const own = reads.filter((r) => r.entryId === e.entryId);
          expect(e.reads).toBe(own.length);
          if (own.length === 0) {
            expect([e.score, e.rawMean, e.adjusted, e.trimmedMean, e.component]).toEqual([null, null, null, null, null]);
          } else {
            for (const v of [e.score!, e.rawMean!, e.adjusted!, e.trimmedMean!]) expect(Number.isFinite(v)).toBe(true);
          }
        }
        for (const [i, c] of result.components.entries()) {
          const effects = result.judges.filter((j) => j.component === i).map((j) => j.effect);
          expect(effects.length).toBe(c.judgeIds.length);
          expect(Math.abs(effects.reduce((s, x) => s + x, 0))).toBeLessThan(1e-7);
          for (const x of effects) expect(Number.isFinite(x)).toBe(true);
        }
      }),
    );
  });

  it("satisfies the fit's normal equations: residuals sum to 0 per entry, and per judge to its penalty plus one common multiplier", () => {
    fc.assert(
      fc.property(anyDesign, ({ entryIds, reads }) => {
        const result = aggregate({ method: "NORMALIZED", entryIds, reads });
        const m = new Map(result.entries.map((e) => [e.entryId, e.exact.adjusted]));
        const b = new Map(result.judges.map((j) => [j.judgeId, j]));
        const residual = (r: Read) => r.total - m.get(r.entryId)! - b.get(r.judgeId)!.effect;
        for (const e of result.entries) {
          const sum = reads.filter((r) => r.entryId === e.entryId).reduce((s, r) => s + residual(r), 0);
          expect(Math.abs(sum)).toBeLessThan(1e-6);
        }
        for (const [i] of result.components.entries()) {
          const multipliers = result.judges
            .filter((j) => j.component === i)
            .map((j) => {
              const sum = reads.filter((r) => r.judgeId === j.judgeId).reduce((s, r) => s + residual(r), 0);
              return sum - Math.max(0, SEVERITY_PRIOR_READS - j.reads) * j.effect;
            });
          for (const x of multipliers) expect(close(x, multipliers[0]!, 1e-6)).toBe(true);
        }
      }),
    );
  });

  it("satisfies them on a large component too: 300 judges in 30 panels joined through shared judges, some with few reads", () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const reads: Read[] = [];
    const entryIds: string[] = [];
    for (let e = 0; e < 6000; e++) {
      const panel = e % 30;
      entryIds.push(`e${e}`);
      // Three judges of the panel; the panel's first judge also sits on the next panel.
      const seats = [...Array.from({ length: 10 }, (_, i) => panel * 10 + i), ((panel + 29) % 30) * 10];
      const chosen = new Set<number>();
      while (chosen.size < 3) chosen.add(seats[Math.floor(next() * seats.length)]!);
      for (const j of chosen) reads.push({ entryId: `e${e}`, judgeId: `j${j}`, total: step(40 + 50 * next() + (j % 7) - 3) });
    }
    for (let j = 0; j < 4; j++) reads.push({ entryId: `e${j * 11}`, judgeId: `late${j}`, total: 70 });
    const result = aggregate({ method: "NORMALIZED", entryIds, reads });
    expect(result.components).toHaveLength(1);
    const m = new Map(result.entries.map((e) => [e.entryId, e.exact.adjusted!]));
    const b = new Map(result.judges.map((j) => [j.judgeId, j]));
    const residual = new Map<string, number>();
    for (const r of reads) residual.set(r.judgeId, (residual.get(r.judgeId) ?? 0) + r.total - m.get(r.entryId)! - b.get(r.judgeId)!.effect);
    const multipliers = result.judges.map((j) => residual.get(j.judgeId)! - Math.max(0, SEVERITY_PRIOR_READS - j.reads) * j.effect);
    for (const x of multipliers) expect(Math.abs(x - multipliers[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(result.judges.reduce((s, j) => s + j.effect, 0))).toBeLessThan(1e-6);
  });

  it("does not depend on the order of the reads", () => {
    fc.assert(
      fc.property(anyDesign, fc.integer(), ({ entryIds, reads }, seed) => {
        const shuffled = [...reads].sort((a, b) => ((a.entryId + a.judgeId + seed).length % 3) - ((b.entryId + b.judgeId).length % 3) || (seed % 2 ? 1 : -1));
        const a = aggregate({ method: "NORMALIZED", entryIds, reads });
        const b = aggregate({ method: "NORMALIZED", entryIds, reads: shuffled.reverse() });
        for (const [i, e] of a.entries.entries()) {
          if (e.exact.adjusted === null) expect(b.entries[i]!.exact.adjusted).toBeNull();
          else expect(close(e.exact.adjusted, b.entries[i]!.exact.adjusted!)).toBe(true);
        }
      }),
    );
  });

  it("keeps a panel that shares no judge from moving another panel's scores", () => {
    fc.assert(
      fc.property(anyDesign, anyDesign, ({ entryIds, reads }, other) => {
        const alone = aggregate({ method: "NORMALIZED", entryIds, reads });
        const rename = (r: Read): Read => ({ entryId: `x${r.entryId}`, judgeId: `x${r.judgeId}`, total: r.total });
        const together = aggregate({
          method: "NORMALIZED",
          entryIds: [...entryIds, ...other.entryIds.map((id) => `x${id}`)],
          reads: [...reads, ...other.reads.map(rename)],
        });
        for (const [i, e] of alone.entries.entries()) {
          const t = together.entries[i]!;
          if (e.exact.adjusted === null) expect(t.exact.adjusted).toBeNull();
          else expect(close(e.exact.adjusted, t.exact.adjusted!)).toBe(true);
        }
      }),
    );
  });

  it("leaves a panel of one judge as the judge scored it (effect 0, adjusted = raw)", () => {
    fc.assert(
      fc.property(fc.array(totalArb, { minLength: 1, maxLength: 10 }), (totals) => {
        const reads = totals.map((total, i) => ({ entryId: `e${i}`, judgeId: "solo", total }));
        const result = aggregate({ method: "NORMALIZED", entryIds: reads.map((r) => r.entryId), reads });
        expect(Math.abs(result.judges[0]!.effect)).toBeLessThan(1e-9);
        for (const e of result.entries) expect(e.adjusted).toBe(e.rawMean);
      }),
    );
  });
});

describe("aggregate: judges' severity", () => {
  it("removes a constant shift of one judge's totals exactly on connected data", () => {
    fc.assert(
      fc.property(connectedDesign, fc.nat(5), fc.integer({ min: -30, max: 30 }), ({ entryIds, reads, judges }, which, shift) => {
        const judgeId = `j${which % judges}`;
        const before = aggregate({ method: "NORMALIZED", entryIds, reads });
        const after = aggregate({
          method: "NORMALIZED",
          entryIds,
          reads: reads.map((r) => (r.judgeId === judgeId ? { ...r, total: r.total + shift } : r)),
        });
        expect(before.components).toHaveLength(1);
        // Every difference between adjusted scores stays; the common level moves by shift / J.
        const level = shift / judges;
        for (const [i, e] of before.entries.entries()) {
          expect(close(after.entries[i]!.exact.adjusted! - e.exact.adjusted!, level, 1e-6)).toBe(true);
        }
        const effect = (r: typeof before, id: string) => r.judges.find((j) => j.judgeId === id)!.effect;
        for (const j of before.judges) {
          if (j.judgeId === judgeId) continue;
          const gapBefore = effect(before, judgeId) - effect(before, j.judgeId);
          const gapAfter = effect(after, judgeId) - effect(after, j.judgeId);
          expect(close(gapAfter - gapBefore, shift, 1e-6)).toBe(true);
        }
      }),
    );
  });

  it("recovers merit and severity exactly from noiseless additive totals", () => {
    fc.assert(
      fc.property(connectedDesign, fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 6, maxLength: 6 }), ({ entryIds, reads, judges }, raw) => {
        const offsets = raw.slice(0, judges);
        const centre = offsets.reduce((s, x) => s + x, 0) / judges;
        const severity = offsets.map((x) => x - centre);
        const merit = new Map(entryIds.map((id, i) => [id, 50 + i]));
        const additive = reads.map((r) => ({ ...r, total: merit.get(r.entryId)! + severity[Number(r.judgeId.slice(1))]! }));
        const result = aggregate({ method: "NORMALIZED", entryIds, reads: additive });
        for (const e of result.entries) expect(close(e.exact.adjusted!, merit.get(e.entryId)!, 1e-6)).toBe(true);
        for (const j of result.judges) expect(close(j.effect, severity[Number(j.judgeId.slice(1))]!, 1e-6)).toBe(true);
      }),
    );
  });

  it("shrinks a judge seen on one entry towards 0 instead of trusting them", () => {
    // Five judges read ten entries (e_i worth 60 + i) and agree; a sixth reads e0 only, 20 above them.
    const reads: Read[] = [];
    for (let e = 0; e < 10; e++) for (let j = 0; j < 5; j++) reads.push({ entryId: `e${e}`, judgeId: `j${j}`, total: 60 + e });
    reads.push({ entryId: "e0", judgeId: "late", total: 80 });
    const entryIds = Array.from({ length: 10 }, (_, i) => `e${i}`);
    const gaps = (priorReads?: number) => {
      const r = aggregate({ method: "NORMALIZED", entryIds, reads, priorReads });
      const effect = (id: string) => r.judges.find((j) => j.judgeId === id)!.effect;
      const adjusted = (i: number) => r.entries[i]!.exact.adjusted!;
      return {
        shrunk: r.judges.find((j) => j.judgeId === "late")!.shrunk,
        // How much more lenient the late judge is found than the others (the data say 20).
        severity: effect("late") - effect("j0"),
        // How far e0 stands above its merit relative to e1 (raw means: 3.33; fully trusted: 0).
        bonus: adjusted(0) - (adjusted(1) - 1),
      };
    };
    const trusted = gaps(0);
    expect(trusted.severity).toBeCloseTo(20, 6);
    expect(trusted.bonus).toBeCloseTo(0, 6);
    const shrunk = gaps();
    expect(shrunk.shrunk).toBe(true);
    expect(shrunk.severity).toBeGreaterThan(0);
    expect(shrunk.severity).toBeLessThan(20 / 2);
    expect(shrunk.bonus).toBeGreaterThan(0);
    expect(shrunk.bonus).toBeLessThan(20 / 6);
  });
});

describe("aggregate: the round's method", () => {
  it("scores by the method: the mean, the trimmed mean from three reads on, the adjusted score", () => {
    fc.assert(
      fc.property(anyDesign, ({ entryIds, reads }) => {
        const byMethod = {
          MEAN: aggregate({ method: "MEAN", entryIds, reads }),
          TRIMMED_MEAN: aggregate({ method: "TRIMMED_MEAN", entryIds, reads }),
          NORMALIZED: aggregate({ method: "NORMALIZED", entryIds, reads }),
        };
        for (const [i, id] of entryIds.entries()) {
          const totals = reads.filter((r) => r.entryId === id).map((r) => r.total).sort((a, b) => a - b);
          if (totals.length === 0) continue;
          const plain = totals.reduce((s, x) => s + x, 0) / totals.length;
          const kept = totals.length >= 3 ? totals.slice(1, -1) : totals;
          const trimmed = kept.reduce((s, x) => s + x, 0) / kept.length;
          expect(byMethod.MEAN.entries[i]!.score).toBe(roundScore(plain));
          expect(byMethod.TRIMMED_MEAN.entries[i]!.score).toBe(roundScore(trimmed));
          expect(byMethod.TRIMMED_MEAN.entries[i]!.trimmed).toBe(totals.length >= 3);
          expect(byMethod.NORMALIZED.entries[i]!.score).toBe(byMethod.NORMALIZED.entries[i]!.adjusted);
        }
      }),
    );
  });

  it("drops exactly one highest and one lowest total", () => {
    expect(trimmedMean([70, 90, 90, 50, 50])).toEqual({ value: (50 + 70 + 90) / 3, trimmed: true });
    expect(trimmedMean([80, 60, 70])).toEqual({ value: 70, trimmed: true });
    expect(trimmedMean([80, 60])).toEqual({ value: 70, trimmed: false });
  });

  it("refuses reads that cannot be aggregated", () => {
    const r = { entryId: "e", judgeId: "j", total: 1 };
    expect(() => aggregate({ method: "MEAN", entryIds: ["e"], reads: [r, r] })).toThrow(RangeError);
    expect(() => aggregate({ method: "MEAN", entryIds: [], reads: [r] })).toThrow(RangeError);
    expect(() => aggregate({ method: "MEAN", entryIds: ["e"], reads: [{ ...r, total: Number.NaN }] })).toThrow(RangeError);
  });
});

describe("roundScore and the solver", () => {
  it("rounds half up to two decimals without floating-point surprises", () => {
    expect(roundScore(82.335)).toBe(82.34);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(79.83333333)).toBe(79.83);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
      expect(roundScore(n / 100)).toBe(n / 100);
    }));
  });

  it("solves symmetric positive definite systems by conjugate gradients (checked by multiplying back)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })), (rows) => {
        const n = rows.length;
        // Mᵀ M + I: symmetric positive definite.
        const a = rows.map((_, i) => rows.map((__, j) => rows.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? 1 : 0)));
        const x = rows.map((_, i) => i - 1);
        const b = Float64Array.from(a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0)));
        const apply = (v: Float64Array, out: Float64Array) => {
          for (let i = 0; i < n; i++) out[i] = a[i]!.reduce((s, aij, j) => s + aij * v[j]!, 0);
        };
        const solved = conjugateGradient(apply, Float64Array.from(a.map((row, i) => row[i]!)), b);
        for (const [i, v] of solved.entries()) expect(close(v, x[i]!, 1e-8)).toBe(true);
      }),
    );
  });
});
