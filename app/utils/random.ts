// The project's one seeded pseudo-random generator, for reproducible results: the assignment
// solver's tie-breaking, the demo and benchmark data, tests. NOT for secrets. The same seed gives
// the same sequence everywhere.
//
// sfc32 (128 bits of state) seeded through splitmix32. Its streams for different seeds do not
// overlap in practice, which matters when thousands of generated essays each draw thousands of
// numbers: with the 32-bit counter-based mulberry32 used before, two seeds whose difference is a
// small multiple of its increment gave the same sequence shifted, and generated essays shared
// long identical passages.

/** splitmix32: spreads a 32-bit seed over the state words of sfc32. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Returns a function giving numbers in [0, 1), deterministic from `seed` (sfc32). */
export function seededRandom(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next(); // warm up
  return () => next() / 4294967296;
}
