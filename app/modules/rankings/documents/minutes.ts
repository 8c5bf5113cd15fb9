// A panel's scoring minutes [biên bản chấm] for a round, as a PDF (A4 landscape): the official
// heading, the panel's members (chair first), the criteria, then per entry one line per counted
// read (judge, points per criterion, total) and the entry's aggregate score and rank, and the
// signature blocks of the chair and every member. Entries are listed by anonymous code [số phách];
// the entry code is added once identities are re-joined [ghép phách] (a contest that is not blind,
// or one being finalized), never before. Pure: plain data and the font files in, PDF bytes out.
import { formatDate, formatNumber } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { dateLine, officialHeading, signatures, upperFirst } from "./common";
import { A4_LANDSCAPE, PdfWriter, type Column, type FontFiles, type TableRow } from "./pdf-writer";

export interface MinutesInput {
  contest: { title: string; timeZone: string };
  round: { name: string; method: string; scale: number };
  panel: { name: string };
  /** When the minutes are drawn up. */
  date: Date;
  /** Identities re-joined: the entry code is printed beside the anonymous code. */
  identified: boolean;
  criteria: { name: string; maxPoints: number }[];
  /** The panel's judges; the chair signs first. */
  judges: { name: string; isChair: boolean }[];
  entries: {
    anonymousCode: string;
    entryCode: string | null;
    /** Counted reads: the judge, points in criterion order (null: not scored), the sheet's total. */
    reads: { judge: string; points: (number | null)[]; total: number }[];
    pendingReads: number;
    score: number | null;
    rank: number | null;
  }[];
}

export async function buildMinutes(input: MinutesInput, lng: Language, fonts: FontFiles): Promise<Uint8Array> {
  const t = getFixedT(lng);
  const num = (value: number | null) => (value === null ? "—" : formatNumber(value, lng));
  const w = await PdfWriter.create(fonts, {
    size: A4_LANDSCAPE,
    margin: 36,
    title: `${t("documents:minutes.title")} · ${input.panel.name} · ${input.round.name}`,
    language: lng === "vi" ? "vi-VN" : "en-GB",
    date: input.date,
    pageLabel: (n, total) => t("documents:page", { n, total }),
  });
  officialHeading(w, lng, input.contest.title);
  dateLine(w, lng, input.date, input.contest.timeZone);
  w.paragraph(t("documents:minutes.title"), { style: "bold", size: 14, align: "center", after: 2 });
  w.paragraph(t("documents:minutes.subtitle", { round: input.round.name, panel: input.panel.name }), { style: "bold", size: 11, align: "center", after: 2 });
  w.paragraph(t("documents:minutes.contest", { contest: input.contest.title }), { size: 10, align: "center", after: 8 });
  w.paragraph(
    t("documents:minutes.opening", {
      date: formatDate(input.date, lng, input.contest.timeZone),
      panel: input.panel.name,
      count: input.entries.length,
      round: input.round.name,
    }),
    { size: 10 },
  );
  if (!input.identified) w.paragraph(t("documents:minutes.blind"), { style: "italic", size: 9 });

  const chairs = input.judges.filter((j) => j.isChair);
  const members = input.judges.filter((j) => !j.isChair);
  w.paragraph(t("documents:minutes.members"), { style: "bold", size: 10, after: 2 });
  for (const [i, judge] of [...chairs, ...members].entries()) {
    w.paragraph(`${i + 1}. ${judge.name}: ${judge.isChair ? t("documents:minutes.chair") : t("documents:minutes.member")}`, { size: 10, after: 1 });
  }
  w.space(4);
  w.paragraph(t("documents:minutes.method", { method: input.round.method, scale: num(input.round.scale) }), { size: 10, after: 2 });
  w.paragraph(t("documents:minutes.criteria"), { style: "bold", size: 10, after: 2 });
  input.criteria.forEach((c, i) => w.paragraph(t("documents:minutes.criterion", { n: i + 1, name: c.name, max: num(c.maxPoints) }), { size: 9, after: 1 }));
  w.space(6);

  if (input.entries.length === 0) {
    w.paragraph(t("documents:minutes.empty"), { style: "italic", size: 10 });
  } else {
    const columns: Column[] = [
      { header: t("documents:minutes.anonymousCode"), width: 11 },
      ...(input.identified ? [{ header: t("documents:minutes.entryCode"), width: 10 }] : []),
      { header: t("documents:minutes.judge"), width: 20 },
      ...input.criteria.map((_, i) => ({ header: t("documents:minutes.criterionShort", { n: i + 1 }), width: 6, align: "right" as const })),
      { header: t("documents:minutes.total"), width: 7, align: "right" },
      { header: t("documents:minutes.score"), width: 9, align: "right" },
      { header: t("documents:minutes.rank"), width: 5, align: "center" },
    ];
    const rows: TableRow[] = [];
    for (const entry of input.entries) {
      const head = [entry.anonymousCode, ...(input.identified ? [entry.entryCode ?? "—"] : [])];
      const blank = head.map(() => "");
      const lines = entry.reads.map((read) => [read.judge, ...read.points.map(num), num(read.total)]);
      if (lines.length === 0) lines.push([t("documents:minutes.noReads"), ...input.criteria.map(() => ""), ""]);
      if (entry.pendingReads > 0) lines.push([t("documents:minutes.pending", { count: entry.pendingReads }), ...input.criteria.map(() => ""), ""]);
      lines.forEach((line, i) => {
        rows.push({
          cells: [...(i === 0 ? head : blank), ...line, i === 0 ? num(entry.score) : "", i === 0 ? (entry.rank === null ? "—" : String(entry.rank)) : ""],
          ruleAbove: i === 0,
        });
      });
    }
    w.table(columns, rows, { size: 8.5 });
  }
  // The closing sentence stays on the page of the signatures.
  w.ensure(120);
  w.paragraph(t("documents:minutes.closing"), { size: 10 });
  signatures(w, lng, [
    ...chairs.map((j) => ({ heading: upperFirst(t("documents:minutes.chair")).toLocaleUpperCase("vi"), name: j.name })),
    ...members.map((j) => ({ heading: t("documents:minutes.member").toLocaleUpperCase("vi"), name: j.name })),
  ]);
  return w.save();
}
