import { describe, expect, it } from "vitest";
import { allocatePrizes } from "./prizes";
import { rankEntries, type RankItem } from "./rank";
import { resultsFingerprint, type CategoryResults, type ResultsRound } from "./results.server";

const round: ResultsRound = { id: "r1", name: "Chung khảo", position: 1, aggregation: "NORMALIZED", readsPerEntry: 3, advanceRule: "TOP_N", advanceValue: 2, criteria: [], scale: 100 };
const tiers = [{ id: "t1", rank: 1, name: "Giải Nhất", count: 1 }];

/** The fingerprint of one category whose entries have these scores (null: no reads). */
function fingerprintOf(scores: Record<string, number | null>, options: { advancing?: string[]; tiers?: typeof tiers; chain?: "topMarks" } = {}) {
  const items: RankItem[] = Object.entries(scores).map(([entryId, score]) => ({ entryId, score, criteria: {}, topMarks: 0 }));
  const chain = options.chain ? [{ kind: "topMarks" as const }] : [];
  const ranking = rankEntries(items, chain);
  const categoryTiers = options.tiers ?? tiers;
  const category: CategoryResults = { id: "c1", name: "A", position: 0, tiers: categoryTiers, ranking, prizes: allocatePrizes(ranking.groups, categoryTiers), flaggedTies: [] };
  const advance = options.advancing ? { advancing: options.advancing, eliminated: [], undecided: [], cutTies: [] } : null;
  return resultsFingerprint({ round, chain, categories: [category], advance, decisions: [] });
}

describe("resultsFingerprint", () => {
  it("is the same for the same results, and 64 hexadecimal digits", () => {
    const a = fingerprintOf({ e1: 80, e2: 70, e3: null });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ e1: 80, e2: 70, e3: null })).toBe(a);
  });

  it("changes with any score, rank, prize, unranked entry, advance list, tier or chain", () => {
    const base = fingerprintOf({ e1: 80, e2: 70, e3: null }, { advancing: ["e1"] });
    const variants = [
      fingerprintOf({ e1: 80.01, e2: 70, e3: null }, { advancing: ["e1"] }),
      fingerprintOf({ e1: 80, e2: 80, e3: null }, { advancing: ["e1"] }), // a tie: ranks and the prize change
      fingerprintOf({ e1: 70, e2: 80, e3: null }, { advancing: ["e1"] }),
      fingerprintOf({ e1: 80, e2: 70 }, { advancing: ["e1"] }),
      fingerprintOf({ e1: 80, e2: 70, e3: null, e4: null }, { advancing: ["e1"] }),
      fingerprintOf({ e1: 80, e2: 70, e3: null }, { advancing: ["e1", "e2"] }),
      fingerprintOf({ e1: 80, e2: 70, e3: null }),
      fingerprintOf({ e1: 80, e2: 70, e3: null }, { advancing: ["e1"], tiers: [{ ...tiers[0]!, count: 2 }] }),
      fingerprintOf({ e1: 80, e2: 70, e3: null }, { advancing: ["e1"], chain: "topMarks" }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it("tells ids apart however they are split", () => {
    // Length-prefixed texts: moving a character from one id to the next changes the bytes.
    expect(fingerprintOf({ ab: null, c: null })).not.toBe(fingerprintOf({ a: null, bc: null }));
  });
});
