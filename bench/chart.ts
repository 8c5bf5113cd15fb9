// Small SVG line charts for the benchmark reports (no dependency): one or more panels side by
// side, each with a logarithmic or linear x axis, a linear or logarithmic y axis and a legend.

export interface Series {
  name: string;
  color: string;
  /** Dashed line (e.g. the variant with shared judges). */
  dashed?: boolean;
  points: readonly (readonly [x: number, y: number])[];
}

export interface ChartPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: readonly Series[];
}

const W = 360;
const H = 260;
const M = { top: 34, right: 30, bottom: 44, left: 58 };
/** Width of one legend item (its line and name). */
const LEGEND_ITEM = 250;

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Round numbers for axis ticks: powers of ten on a log axis, 1-2-5 steps on a linear one. */
function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out;
  }
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  // Up to the first tick at or above hi, so the axis always covers every point.
  for (let v = Math.floor(lo / step) * step; ; v += step) {
    out.push(Number(v.toPrecision(12)));
    if (v >= hi - step * 1e-9) break;
  }
  return out;
}

function label(v: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 0.01)) {
    const e = Math.round(Math.log10(Math.abs(v)));
    if (Math.abs(v - Math.sign(v) * 10 ** e) < 1e-9 * Math.abs(v)) return `${v < 0 ? "−" : ""}1e${e}`;
  }
  return v.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

function panelSvg(panel: ChartPanel, offsetX: number): string {
  const xs = panel.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = panel.series.flatMap((s) => s.points.map((p) => p[1]));
  const ticksX = ticks(Math.min(...xs), Math.max(...xs), panel.xLog ?? false);
  const yLo = panel.yLog ? Math.min(...ys) : Math.min(0, ...ys);
  const ticksY = ticks(yLo, Math.max(...ys), panel.yLog ?? false);
  const [x0, x1] = [ticksX[0]!, ticksX.at(-1)!];
  const [y0, y1] = [ticksY[0]!, ticksY.at(-1)!];
  const f = (v: number, log: boolean) => (log ? Math.log10(v) : v);
  const px = (v: number) => offsetX + M.left + ((f(v, panel.xLog ?? false) - f(x0, panel.xLog ?? false)) / (f(x1, panel.xLog ?? false) - f(x0, panel.xLog ?? false) || 1)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((f(v, panel.yLog ?? false) - f(y0, panel.yLog ?? false)) / (f(y1, panel.yLog ?? false) - f(y0, panel.yLog ?? false) || 1)) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<text x="${offsetX + W / 2}" y="18" text-anchor="middle" font-weight="bold">${escape(panel.title)}</text>`);
  for (const t of ticksX) {
    out.push(`<line x1="${px(t)}" y1="${M.top}" x2="${px(t)}" y2="${H - M.bottom}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${px(t)}" y="${H - M.bottom + 14}" text-anchor="middle">${label(t)}</text>`);
  }
  for (const t of ticksY) {
    out.push(`<line x1="${offsetX + M.left}" y1="${py(t)}" x2="${offsetX + W - M.right}" y2="${py(t)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${offsetX + M.left - 6}" y="${py(t) + 4}" text-anchor="end">${label(t)}</text>`);
  }
  out.push(`<text x="${offsetX + M.left + (W - M.left - M.right) / 2}" y="${H - 8}" text-anchor="middle">${escape(panel.xLabel)}</text>`);
  out.push(`<text transform="translate(${offsetX + 14} ${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(panel.yLabel)}</text>`);
  for (const s of panel.series) {
    const pts = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    const dash = s.dashed ? ` stroke-dasharray="5 3"` : "";
    out.push(`<polyline data-series="${escape(s.name)}" fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${pts}"/>`);
    for (const [x, y] of s.points) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
  }
  return out.join("\n");
}

/** Panels side by side with one legend underneath; returns the SVG document. */
export function chartSvg(panels: readonly ChartPanel[], note = ""): string {
  const legend = new Map<string, Series>();
  for (const p of panels) for (const s of p.series) if (!legend.has(s.name)) legend.set(s.name, s);
  const width = W * panels.length;
  // The legend in rows of as many items as fit the width.
  const perRow = Math.max(1, Math.floor((width - 16) / LEGEND_ITEM));
  const rows = Math.max(1, Math.ceil(legend.size / perRow));
  const height = H + 28 + (rows - 1) * 18 + (note ? 18 : 0);
  const items = [...legend.values()].map((s, i) => {
    const x = 16 + (i % perRow) * LEGEND_ITEM;
    const y = H + 12 + Math.floor(i / perRow) * 18;
    const dash = s.dashed ? ` stroke-dasharray="5 3"` : "";
    return `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${s.color}" stroke-width="2"${dash}/><text x="${x + 30}" y="${y + 4}">${escape(s.name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...panels.map((p, i) => panelSvg(p, i * W)),
    ...items,
    note ? `<text x="16" y="${H + 38 + (rows - 1) * 18}" fill="#4b5563">${escape(note)}</text>` : "",
    "</svg>",
    "",
  ].join("\n");
}
