// A scoresheet's total: the one place it is computed (STYLE.md: one owner per derived number).
// The scoring module stores the result in Scoresheet.total; rankings and pages only read it.
//
// Definition. For criteria i with maximum m_i, weight w_i and the judge's points p_i:
//
//     total = (Σ w_i·p_i) · (Σ m_i) / (Σ w_i·m_i)
//
// i.e. the weighted share of the attainable points, expressed on the rubric's own scale (the sum
// of the maxima, 100 for the default rubric). Consequences:
//   - with equal weights (all 1, the default) the total is simply Σ p_i;
//   - full marks always give Σ m_i and zero gives 0, whatever the weights;
//   - multiplying every weight by the same factor changes nothing;
//   - a criterion of weight 2 moves the total twice as much per point as one of weight 1.
// A criterion without points counts as 0, so a draft's total is its running total.
// The result is rounded to 4 decimals so the stored number does not carry floating-point noise.
// Checking that each p_i is on the step and within 0..m_i is the scoring schema's job, not this one's.

export interface TotalCriterion {
  id: string;
  maxPoints: number;
  weight: number;
}

export type PointsByCriterion = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export const TOTAL_DECIMALS = 4;

function entries(points: PointsByCriterion): [string, number][] {
  return points instanceof Map ? [...points.entries()] : Object.entries(points);
}

/** The weighted total on the rubric's scale (see the definition above). */
export function scoresheetTotal(criteria: readonly TotalCriterion[], points: PointsByCriterion): number {
  const byId = new Map<string, TotalCriterion>();
  for (const c of criteria) {
    if (!(Number.isFinite(c.maxPoints) && c.maxPoints > 0)) throw new RangeError(`criterion ${c.id}: maxPoints must be positive`);
    if (!(Number.isFinite(c.weight) && c.weight >= 0)) throw new RangeError(`criterion ${c.id}: weight must be zero or more`);
    byId.set(c.id, c);
  }
  let weighted = 0;
  for (const [id, p] of entries(points)) {
    const c = byId.get(id);
    if (!c) throw new RangeError(`points for unknown criterion ${id}`);
    if (!Number.isFinite(p)) throw new RangeError(`criterion ${id}: points must be a finite number`);
    weighted += c.weight * p;
  }
  const scale = criteria.reduce((s, c) => s + c.maxPoints, 0);
  const weightedMax = criteria.reduce((s, c) => s + c.weight * c.maxPoints, 0);
  if (criteria.length === 0) return 0;
  if (weightedMax === 0) throw new RangeError("at least one criterion must have a positive weight");
  const factor = 10 ** TOTAL_DECIMALS;
  return Math.round(((weighted * scale) / weightedMax) * factor) / factor;
}

/**
 * What rankings need of a sheet besides its total, stored beside it on every write (so a round's
 * ranking reads one row per sheet, not its Score rows): `topMarks`, how many criteria have their
 * maximum, and `criterionPoints`, the points per criterion id as a JSON object in rubric order
 * (every criterion, so any tie-break chain can be served). Criteria without points are left out.
 */
export interface ScoresheetSummary {
  topMarks: number;
  criterionPoints: string;
}

export function scoresheetSummary(criteria: readonly Pick<TotalCriterion, "id" | "maxPoints">[], points: PointsByCriterion): ScoresheetSummary {
  const byId = points instanceof Map ? points : new Map(Object.entries(points));
  const stored: Record<string, number> = {};
  let topMarks = 0;
  for (const c of criteria) {
    const p = byId.get(c.id);
    if (p === undefined) continue;
    stored[c.id] = p;
    if (p >= c.maxPoints) topMarks++;
  }
  return { topMarks, criterionPoints: JSON.stringify(stored) };
}

/** The points per criterion id of a stored `criterionPoints` (see scoresheetSummary). */
export function parseCriterionPoints(stored: string): Record<string, number> {
  const parsed = JSON.parse(stored) as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [id, p] of Object.entries(parsed)) out[id] = Number(p);
  return out;
}

/**
 * One criterion's points in a stored `criterionPoints`, undefined when it has none: the ranking's
 * read of a national round looks up the tie-break chain's criteria in 300,000 of these, where
 * parsing each whole object is most of the cost. Also reads what the database's JSON functions
 * write (the migration's backfill: `20.0`, spaces around the colon).
 */
export function storedCriterionPoints(stored: string, criterionId: string): number | undefined {
  if (/["\\]/.test(criterionId)) return parseCriterionPoints(stored)[criterionId];
  const key = `"${criterionId}"`;
  let at = stored.indexOf(key);
  if (at === -1) return undefined;
  at += key.length;
  while (stored.charCodeAt(at) === 32) at++;
  if (stored[at] !== ":") return parseCriterionPoints(stored)[criterionId];
  let end = at + 1;
  while (end < stored.length && stored[end] !== "," && stored[end] !== "}") end++;
  return Number(stored.slice(at + 1, end));
}
