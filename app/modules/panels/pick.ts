// Choosing judges for ONE entry when everything else of the round stays as it is: the repair
// after a recusal, and the chair's extra reader (issue 5). Pure: no database, no clock.
//
// This is the whole-round min-cost flow of ./assign restricted to one entry whose other pairs
// are fixed. With every other pair fixed, the flow network has one entry node and its demand n;
// sending a unit through judge j costs, lexicographically, the judge's marginal load cost
// (L_j + 1)² − L_j² = 2·L_j + 1 (L_j: the judge's current reads in the round), then the pair's
// preference cost (./assign pairPreferenceCost). Each judge takes at most one unit (distinct
// judges) and only if their cap in the panel allows it. A minimum-cost flow of value n is then
// exactly the n cheapest candidates by (2·L_j + 1, preference): the paths are disjoint and
// independent, so choosing the cheapest n is optimal, and sorting by (load, preference) is that
// choice. The solver's cost ranks one term before the load: a judge seated on several panels whose
// seat here holds fewer reads than its linking target (./assign linkTargets: a fair share of the
// judge's load for this panel) is taken first, as the read links the panels for calibration; so
// the sort key is (links a seat, load, preference). Ties are broken by a seeded order, as in ./assign, so the same seed picks the same judges.
import { seededRandom } from "#app/utils/random";
import { DEFAULT_ASSIGN_WEIGHTS, pairPreferenceCost, type AssignWeights } from "./assign";

export interface PickCandidate {
  judgeId: string;
  /** Reads the judge holds in the round now (all panels). */
  load: number;
  /** Reads still allowed by the judge's cap in the entry's panel (Infinity without a cap). */
  capacityLeft: number;
  /** The judge's expertise for the entry's category (0 when unknown). */
  expertise: number;
  willing: boolean;
  unwilling: boolean;
  /** The judge sits on several panels and their seat here is below its linking target (./assign linkTargets). */
  linksSeat?: boolean;
  /** Conflicted, recused, removed by hand, or already reading the entry: never picked. */
  excluded: boolean;
}

export interface PickResult {
  /** The judges picked, cheapest first. */
  picked: string[];
  /** How many of the `need` could not be filled (0 when all were). */
  short: number;
  /** Candidates that could be picked at all (not excluded, capacity left). */
  eligible: number;
}

/** The `need` cheapest eligible candidates for one entry (see the top of the file). */
export function pickJudges(
  candidates: readonly PickCandidate[],
  need: number,
  seed: number,
  weights: Readonly<AssignWeights> = DEFAULT_ASSIGN_WEIGHTS,
): PickResult {
  if (!Number.isInteger(need) || need < 0) throw new RangeError(`need must be a whole number ≥ 0, got ${need}`);
  const next = seededRandom(seed);
  // Draws are made in id order, so the result does not depend on the order of `candidates`.
  const eligible = candidates
    .filter((c) => !c.excluded && c.capacityLeft >= 1)
    .sort((a, b) => (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0))
    .map((c) => ({ c, tie: next(), pref: pairPreferenceCost(c.expertise, c.willing, c.unwilling, weights) }));
  const links = (c: PickCandidate) => (c.linksSeat ? 0 : 1);
  eligible.sort((a, b) => links(a.c) - links(b.c) || a.c.load - b.c.load || a.pref - b.pref || a.tie - b.tie);
  const picked = eligible.slice(0, need).map((e) => e.c.judgeId);
  return { picked, short: need - picked.length, eligible: eligible.length };
}
