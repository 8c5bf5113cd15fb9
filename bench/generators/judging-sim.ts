// A simulated round for the judging benchmark: entries with a known true quality, judges with a
// known severity and noise, assigned the way real rounds are (panels, k reads each, the real
// solver of app/modules/panels/assign.ts, a share of judges sitting on a second panel so the
// panels are connected for calibration; or, for comparison, k judges of the panel drawn at
// random), and one total per read:
//
//   total = clamp(quality + severity(judge) + noise, 0, 100), rounded to the rubric's step of 0.5,
//   noise ~ N(0, noiseSd(judge)).
//
// severity > 0 is a lenient judge, < 0 a harsh one (the sign of aggregate.ts's judge effect).
import { assignJudges, type AssignPanel } from "#app/modules/panels/assign";
import type { Read } from "#app/modules/rankings/aggregate";
import type { Rng } from "./random";

export interface SimulationParams {
  entries: number;
  panels: number;
  judgesPerPanel: number;
  /** Reads per entry (k). */
  reads: number;
  /** Share of the judges who also sit on a second, random panel, 0..1. */
  shared: number;
  /** Standard deviation of the judges' severities, in points of the 100-point scale. */
  severitySd: number;
  /** Mean of the judges' noise standard deviations; each judge's is uniform in [½, 1½] of it. */
  noiseSd: number;
  qualityMean?: number;
  qualitySd?: number;
  categories?: number;
  /**
   * "solver" (default): the real assignment solver. "random": each entry's k judges drawn at random
   * among its panel's seats (loads uneven), for comparison: a well-mixed judge–entry graph.
   */
  assignment?: "solver" | "random";
}

export interface SimulatedRound {
  entries: { id: string; categoryId: string; quality: number }[];
  judges: { id: string; severity: number; noiseSd: number }[];
  panels: AssignPanel[];
  reads: Read[];
}

const STEP = 0.5;

export function simulateRound(p: SimulationParams, rng: Rng): SimulatedRound {
  const categories = p.categories ?? 4;
  const qualityMean = p.qualityMean ?? 70;
  const qualitySd = p.qualitySd ?? 8;
  const judges = Array.from({ length: p.panels * p.judgesPerPanel }, (_, i) => ({
    id: `j${i}`,
    severity: rng.normal(0, p.severitySd),
    noiseSd: p.noiseSd * rng.float(0.5, 1.5),
  }));
  const entries = Array.from({ length: p.entries }, (_, i) => ({ id: `e${i}`, categoryId: `c${i % categories}`, quality: rng.normal(qualityMean, qualitySd) }));
  const seats = Array.from({ length: p.panels }, (_, panel) => judges.slice(panel * p.judgesPerPanel, (panel + 1) * p.judgesPerPanel).map((j) => ({ id: j.id })));
  if (p.panels > 1) {
    for (const [i, j] of judges.entries()) {
      if (!rng.chance(p.shared)) continue;
      const own = Math.floor(i / p.judgesPerPanel);
      const other = (own + rng.int(1, p.panels - 1)) % p.panels;
      seats[other]!.push({ id: j.id });
    }
  }
  const panels: AssignPanel[] = seats.map((judgesOf, panel) => ({
    id: `p${panel}`,
    judges: judgesOf,
    entries: entries.filter((_, i) => i % p.panels === panel).map((e) => ({ id: e.id, categoryId: e.categoryId })),
  }));
  let assignment: Map<string, string[]>;
  if (p.assignment === "random") {
    assignment = new Map(panels.flatMap((panel) => panel.entries.map((e) => [e.id, rng.shuffle(panel.judges).slice(0, p.reads).map((j) => j.id)] as const)));
  } else {
    const solved = assignJudges({ panels, reads: p.reads, seed: Math.floor(rng.next() * 2 ** 31) });
    if (!solved.ok) throw new Error(`the simulated round cannot be assigned: ${solved.message}`);
    assignment = solved.assignment;
  }

  const judgeById = new Map(judges.map((j) => [j.id, j]));
  const qualityOf = new Map(entries.map((e) => [e.id, e.quality]));
  const reads: Read[] = [];
  for (const [entryId, judgeIds] of assignment) {
    for (const judgeId of judgeIds) {
      const j = judgeById.get(judgeId)!;
      const raw = qualityOf.get(entryId)! + j.severity + rng.normal(0, j.noiseSd);
      reads.push({ entryId, judgeId, total: Math.round(Math.min(100, Math.max(0, raw)) / STEP) * STEP });
    }
  }
  return { entries, judges, panels, reads };
}

/** The oracle: each entry's mean of (total − the judge's true severity) over its reads; null without reads. */
export function oracleScores(round: SimulatedRound): Map<string, number | null> {
  const severity = new Map(round.judges.map((j) => [j.id, j.severity]));
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of round.reads) {
    const s = sums.get(r.entryId) ?? { sum: 0, n: 0 };
    s.sum += r.total - severity.get(r.judgeId)!;
    s.n++;
    sums.set(r.entryId, s);
  }
  return new Map(round.entries.map((e) => {
    const s = sums.get(e.id);
    return [e.id, s ? s.sum / s.n : null];
  }));
}
