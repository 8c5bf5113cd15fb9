// Seeded helpers for generating reproducible data (benchmarks, the demo, tests), on top of the
// project's seeded generator (app/utils/random.ts).

import { seededRandom } from "#app/utils/random";

/** Derives an independent seed from a seed and a label, so streams do not shift one another. */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the label, mixed with the seed.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Helpers over a `() => number` source in [0, 1). */
export class Rng {
  constructor(readonly next: () => number) {}

  static seeded(seed: number, label = ""): Rng {
    return new Rng(seededRandom(label ? deriveSeed(seed, label) : seed));
  }

  /** An independent child stream, labelled so adding draws elsewhere does not change it. */
  fork(label: string): Rng {
    return Rng.seeded(Math.floor(this.next() * 4294967296), label);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight (weights need not sum to 1). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const sum = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * sum;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A normally distributed number (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1]
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A cuid-shaped identifier ("c" + 24 base-36 characters), reproducible from the seed. */
  id(): string {
    let s = "c";
    while (s.length < 25) s += Math.floor(this.next() * 36).toString(36);
    return s;
  }
}
