// The statistics page's charts (recharts). Charts render in the browser only: the server sends
// an empty box of the chart's height and the chart appears after hydration, once recharts has
// loaded (useRecharts; the server never imports it). Every chart's <svg> is an image with an
// accessible name (role="img", aria-label); the page shows the same numbers in a table beneath
// each chart. Numbers and days are written in the reader's language.
import type { ReactNode } from "react";
import { useRecharts, type RechartsModule } from "#app/components/load-chart";
import { formatDay, formatNumber, formatPercent } from "#app/utils/format";
import type { Language } from "#app/utils/i18n";

export const COLORS = {
  main: "#991b1b",
  second: "#57534e",
  eligible: "#15803d",
  awaiting: "#a16207",
  disqualified: "#b91c1c",
  harsh: "#b45309",
  lenient: "#1d4ed8",
} as const;

const MARGIN = { top: 8, right: 24, bottom: 8, left: 8 };
/** What every chart's root element carries: an image with a name, no keyboard layer of its own. */
const image = (name: string) => ({ role: "img", "aria-label": name, accessibilityLayer: false }) as const;

/** The box a chart is drawn in: its height is reserved on the server so nothing moves at hydration. */
function ChartBox({ height, testId, children }: { height: number; testId: string; children: (recharts: RechartsModule) => ReactNode }) {
  const recharts = useRecharts();
  return (
    <div data-testid={testId} style={{ height }} className="w-full">
      {recharts ? (
        <recharts.ResponsiveContainer width="100%" height="100%">
          {children(recharts)}
        </recharts.ResponsiveContainer>
      ) : null}
    </div>
  );
}

/** Round ticks from lo to hi by step (lo and hi already on the step). */
function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) out.push(Math.round((lo + i * step) * 1e6) / 1e6);
  return out;
}

/** A long label cut to fit beside a bar (the table beneath has it whole). */
function shorten(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function CategoryTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="#44403c">
      {shorten(payload?.value ?? "")}
    </text>
  );
}

const labelWidth = 230;
const rowHeight = (rows: number, per = 36) => 56 + rows * per;

export interface CountBar {
  name: string;
  [series: string]: number | string;
}

/**
 * Horizontal bars, one row per item, one or several series (stacked when `stacked`), e.g.
 * entries per category by status, or entries per unit.
 */
export function HorizontalBars({
  name,
  testId,
  rows,
  series,
  lng,
  stacked = false,
  percent = false,
}: {
  name: string;
  testId: string;
  rows: readonly CountBar[];
  series: readonly { key: string; label: string; color: string }[];
  lng: Language;
  stacked?: boolean;
  percent?: boolean;
}) {
  const format = (v: number) => (percent ? formatPercent(v / 100, lng) : formatNumber(v, lng, 0));
  return (
    <ChartBox height={rowHeight(rows.length) + (series.length > 1 ? 28 : 0)} testId={testId}>
      {({ Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis }) => (
        <BarChart data={[...rows]} layout="vertical" margin={MARGIN} {...image(name)}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} domain={percent ? [0, 100] : [0, "auto"]} tickFormatter={format} />
          <YAxis type="category" dataKey="name" width={labelWidth} tick={<CategoryTick />} interval={0} />
          <Tooltip formatter={(v) => format(Number(v))} />
          {series.length > 1 ? <Legend itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} /> : null}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartBox>
  );
}

export interface BoxRow {
  name: string;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

interface BoxShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: BoxRow;
}

/** One box plot, drawn over the bar that spans the judge's lowest to highest total. */
function BoxShape({ x = 0, y = 0, width = 0, height = 0, payload }: BoxShapeProps) {
  if (!payload) return null;
  const span = payload.max - payload.min;
  const at = (v: number) => (span > 0 ? x + ((v - payload.min) / span) * width : x);
  const mid = y + height / 2;
  const boxTop = y + height * 0.2;
  const boxHeight = height * 0.6;
  return (
    <g>
      <line x1={x} x2={x + width} y1={mid} y2={mid} stroke="#44403c" strokeWidth={1.5} />
      <line x1={x} x2={x} y1={boxTop + boxHeight * 0.2} y2={boxTop + boxHeight * 0.8} stroke="#44403c" strokeWidth={1.5} />
      <line x1={x + width} x2={x + width} y1={boxTop + boxHeight * 0.2} y2={boxTop + boxHeight * 0.8} stroke="#44403c" strokeWidth={1.5} />
      <rect x={at(payload.q1)} y={boxTop} width={Math.max(1, at(payload.q3) - at(payload.q1))} height={boxHeight} fill="#fecaca" stroke={COLORS.main} strokeWidth={1.5} />
      <line x1={at(payload.median)} x2={at(payload.median)} y1={boxTop} y2={boxTop + boxHeight} stroke={COLORS.main} strokeWidth={3} />
      <circle cx={at(payload.mean)} cy={mid} r={3.5} fill="#ffffff" stroke="#1c1917" strokeWidth={1.5} />
    </g>
  );
}

/** A box plot per judge (the totals' quartiles, median, extremes, and the mean as a dot). */
export function JudgeBoxPlot({ name, testId, rows, scaleMax, lng }: { name: string; testId: string; rows: readonly BoxRow[]; scaleMax: number; lng: Language }) {
  const lowest = Math.min(...rows.map((r) => r.min));
  const highest = Math.max(...rows.map((r) => r.max));
  const step = scaleMax > 20 ? 10 : 1;
  const lo = Math.max(0, Math.floor((lowest - step / 2) / step) * step);
  const hi = Math.min(Math.ceil(scaleMax / step) * step, Math.ceil((highest + step / 2) / step) * step);
  return (
    <ChartBox height={rowHeight(rows.length, 40)} testId={testId}>
      {({ Bar, BarChart, CartesianGrid, XAxis, YAxis }) => (
        <BarChart data={rows.map((r) => ({ ...r, range: [r.min, r.max] }))} layout="vertical" margin={MARGIN} {...image(name)}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[lo, hi]} ticks={ticks(lo, hi, step)} allowDataOverflow tickFormatter={(v: number) => formatNumber(v, lng, 0)} />
          <YAxis type="category" dataKey="name" width={170} tick={<CategoryTick />} interval={0} />
          <Bar dataKey="range" shape={<BoxShape />} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartBox>
  );
}

export interface DeviationRow {
  name: string;
  deviation: number;
  /** Half the width of the 95 % interval; null without one. */
  error: number | null;
}

/** Each judge's mean deviation from co-readers, with its 95 % interval, around 0. */
export function DeviationChart({
  name,
  testId,
  rows,
  lng,
  harshLabel,
  lenientLabel,
}: {
  name: string;
  testId: string;
  rows: readonly DeviationRow[];
  lng: Language;
  harshLabel: string;
  lenientLabel: string;
}) {
  const reach = Math.max(1, ...rows.map((r) => Math.abs(r.deviation) + (r.error ?? 0)));
  const step = reach > 20 ? 10 : 5;
  const bound = Math.ceil(reach / step) * step;
  return (
    <div>
      <ChartBox height={rowHeight(rows.length, 40)} testId={testId}>
        {({ Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis }) => (
          <BarChart data={[...rows]} layout="vertical" margin={MARGIN} {...image(name)}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[-bound, bound]} ticks={ticks(-bound, bound, step)} tickFormatter={(v: number) => formatNumber(v, lng, 0)} />
            <YAxis type="category" dataKey="name" width={170} tick={<CategoryTick />} interval={0} />
            <ReferenceLine x={0} stroke="#1c1917" />
            <Tooltip formatter={(v) => formatNumber(Number(v), lng, 1)} />
            <Bar dataKey="deviation" isAnimationActive={false} legendType="none">
              {rows.map((r) => (
                <Cell key={r.name} fill={r.deviation < 0 ? COLORS.harsh : COLORS.lenient} />
              ))}
              <ErrorBar dataKey="error" width={6} stroke="#1c1917" strokeWidth={2} direction="x" isAnimationActive={false} />
            </Bar>
          </BarChart>
        )}
      </ChartBox>
      <p className="flex justify-center gap-6 text-sm">
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-3" style={{ backgroundColor: COLORS.harsh }} />
          {harshLabel}
        </span>
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-3" style={{ backgroundColor: COLORS.lenient }} />
          {lenientLabel}
        </span>
      </p>
    </div>
  );
}

export interface AgreementBar {
  name: string;
  icc: number | null;
  /** Distances from the ICC down to the interval's lower end and up to its upper end. */
  iccError: [number, number] | null;
  w: number | null;
}

/** ICC(1) with its interval and Kendall's W, per panel, on the scale up to 1. */
export function AgreementChart({ name, testId, rows, lng, iccLabel, wLabel }: { name: string; testId: string; rows: readonly AgreementBar[]; lng: Language; iccLabel: string; wLabel: string }) {
  const lowest = Math.min(0, ...rows.map((r) => (r.icc !== null && r.iccError ? r.icc - r.iccError[0] : 0)));
  const floor = Math.floor(lowest * 5) / 5;
  return (
    <ChartBox height={300} testId={testId}>
      {({ Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, Tooltip, XAxis, YAxis }) => (
        <BarChart data={[...rows]} margin={MARGIN} {...image(name)}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis domain={[floor, 1]} ticks={ticks(floor, 1, 0.2)} tickFormatter={(v: number) => formatNumber(v, lng, 1)} />
          <ReferenceLine y={0} stroke="#1c1917" />
          <Tooltip formatter={(v) => (Array.isArray(v) ? "" : formatNumber(Number(v), lng, 2))} />
          <Legend itemSorter={(item) => (item.dataKey === "icc" ? 0 : 1)} />
          <Bar dataKey="icc" name={iccLabel} fill={COLORS.main} isAnimationActive={false}>
            <ErrorBar dataKey="iccError" width={6} stroke="#1c1917" strokeWidth={2} direction="y" isAnimationActive={false} />
          </Bar>
          <Bar dataKey="w" name={wLabel} fill={COLORS.second} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartBox>
  );
}

export interface DayPoint {
  day: string;
  count: number;
  cumulative: number;
}

/** Entries per day (bars) or cumulative (a line), with the deadline's day marked. */
export function TimelineChart({
  name,
  testId,
  days,
  deadlineDay,
  deadlineLabel,
  seriesLabel,
  cumulative,
  lng,
}: {
  name: string;
  testId: string;
  days: readonly DayPoint[];
  deadlineDay: string | null;
  deadlineLabel: string;
  seriesLabel: string;
  cumulative: boolean;
  lng: Language;
}) {
  const common = ({ CartesianGrid, XAxis, YAxis, Tooltip, ReferenceLine }: RechartsModule) => (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d, lng, "short")} minTickGap={16} />
      <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, lng, 0)} />
      <Tooltip labelFormatter={(d) => formatDay(String(d), lng)} formatter={(v) => formatNumber(Number(v), lng, 0)} />
      {deadlineDay ? <ReferenceLine x={deadlineDay} stroke={COLORS.main} strokeDasharray="4 3" label={{ value: deadlineLabel, position: "insideTopRight", fill: COLORS.main, fontSize: 12 }} /> : null}
    </>
  );
  return (
    <ChartBox height={260} testId={testId}>
      {(recharts) =>
        cumulative ? (
          <recharts.LineChart data={[...days]} margin={MARGIN} {...image(name)}>
            {common(recharts)}
            <recharts.Line dataKey="cumulative" name={seriesLabel} stroke={COLORS.main} strokeWidth={2} dot={false} isAnimationActive={false} />
          </recharts.LineChart>
        ) : (
          <recharts.BarChart data={[...days]} margin={MARGIN} {...image(name)}>
            {common(recharts)}
            <recharts.Bar dataKey="count" name={seriesLabel} fill={COLORS.main} isAnimationActive={false} />
          </recharts.BarChart>
        )
      }
    </ChartBox>
  );
}
