// The judge's form as the rubric builder previews it, live from the builder's field values
// (browser and server alike; no database). The total itself is scoresheetTotal's business
// (app/modules/scoring/total.ts, docs/decisions/0005-scoresheet-total.md): this file only reads
// the typed numbers, sets aside points a judge could not enter, and hands the rest over.
import { scoresheetTotal, TOTAL_DECIMALS } from "#app/modules/scoring/total";
import { isMultipleOfStep } from "./rubric-editor.schema";
import type { RubricLevel } from "./rubric.schema";

/** A criterion as the builder's fields hold it right now; numbers not (yet) valid are NaN. */
export interface PreviewCriterion {
  /** Stable across reordering (the form's list key), so typed points follow their criterion. */
  key: string;
  name: string;
  description: string;
  maxPoints: number;
  step: number;
  weight: number;
  levels: RubricLevel[];
}

/** Why a typed score would be refused on the judge's form. */
export type PointsProblem = "notANumber" | "outOfRange" | "offStep";

export interface PreviewTotal {
  /** The running total on the rubric's scale, or null while the rubric's own numbers are not valid. */
  total: number | null;
  /** The sum of the maxima, or null while a maximum is not a positive number. */
  scale: number | null;
  /** Typed scores that do not count, by criterion key. */
  problems: Record<string, PointsProblem>;
}

/** A typed number ("12.5", also "12,5"); NaN for anything else, including an empty field. */
export function readNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return Number.NaN;
  const n = Number(value.trim().replace(",", "."));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The sum of the maxima (the rubric's scale), without floating-point noise; null if one is not positive. */
export function rubricScale(maxima: readonly number[]): number | null {
  if (maxima.some((m) => !(Number.isFinite(m) && m > 0))) return null;
  const factor = 10 ** TOTAL_DECIMALS;
  return Math.round(maxima.reduce((s, m) => s + m, 0) * factor) / factor;
}

function validNumbers(c: PreviewCriterion): boolean {
  return Number.isFinite(c.maxPoints) && c.maxPoints > 0 && Number.isFinite(c.step) && c.step > 0 && Number.isFinite(c.weight) && c.weight >= 0;
}

/** What is wrong with a typed score for this criterion, or null when a judge could enter it. */
export function pointsProblem(c: Pick<PreviewCriterion, "maxPoints" | "step">, points: number): PointsProblem | null {
  if (!Number.isFinite(points)) return "notANumber";
  if (points < 0 || points > c.maxPoints) return "outOfRange";
  if (!isMultipleOfStep(points, c.step)) return "offStep";
  return null;
}

/**
 * The preview's running total: each criterion's typed score (empty counts as 0, as on a draft
 * scoresheet), scores a judge could not enter set aside and reported, the rest totalled by
 * scoresheetTotal.
 */
export function previewTotal(criteria: readonly PreviewCriterion[], typed: Readonly<Record<string, string | undefined>>): PreviewTotal {
  const scale = rubricScale(criteria.map((c) => c.maxPoints));
  const problems: Record<string, PointsProblem> = {};
  const points: Record<string, number> = {};
  for (const c of criteria) {
    const text = typed[c.key];
    if (text === undefined || text.trim() === "") continue;
    const p = readNumber(text);
    const problem = validNumbers(c) ? pointsProblem(c, p) : Number.isFinite(p) ? null : "notANumber";
    if (problem) problems[c.key] = problem;
    else points[c.key] = p;
  }
  const computable = criteria.length > 0 && criteria.every(validNumbers) && criteria.some((c) => c.weight > 0);
  const total = computable ? scoresheetTotal(criteria.map((c) => ({ id: c.key, maxPoints: c.maxPoints, weight: c.weight })), points) : null;
  return { total, scale, problems };
}

type FieldValue = Record<string, unknown> | undefined;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * The builder's current field values (the form library's value: strings, nested by field name)
 * as preview criteria, in order; `keys` are the list's keys in the same order.
 */
export function previewCriteria(value: unknown, keys: readonly string[]): PreviewCriterion[] {
  const criteria = (value as { criteria?: unknown } | undefined)?.criteria;
  const list: FieldValue[] = Array.isArray(criteria) ? (criteria as FieldValue[]) : [];
  return keys.map((key, i) => {
    const c = list[i] ?? {};
    const levels = Array.isArray(c.levels) ? (c.levels as FieldValue[]) : [];
    return {
      key,
      name: text(c.name).trim(),
      description: text(c.description).trim(),
      maxPoints: readNumber(c.maxPoints),
      step: readNumber(c.step),
      weight: readNumber(c.weight),
      levels: levels.map((l) => ({ from: readNumber(l?.from), to: readNumber(l?.to), label: text(l?.label).trim() })),
    };
  });
}
