// A small seeded pseudo-random generator for reproducible results: the assignment solver's
// tie-breaking, the demo and benchmark data, tests. mulberry32: 32 bits of state, fast, good
// enough statistically; NOT for secrets. The same seed gives the same sequence everywhere.

/** Returns a function giving numbers in [0, 1), deterministic from `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
